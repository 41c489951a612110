package io.hakmem.ffm;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Threshold;

/**
 * A memory system call that took long: the slow paths of an allocator (mmap and page faults behind it,
 * munmap's TLB shootdowns, madvise). Recorded above the threshold, 1 ms unless a recording says otherwise.
 */
@Name("io.hakmem.SlowCall")
@Label("hakmem Slow System Call")
@Category("hakmem")
@Description("An mmap, munmap, madvise or mprotect of hakmem's that took longer than the threshold")
@Threshold("1 ms")
final class SlowCallEvent extends Event {
    @Label("Call")
    String call;

    @Label("Bytes")
    @DataAmount
    long bytes;

    /** Commits {@code event}, begun before the call, if it ran over the threshold. */
    static void end(SlowCallEvent event, String call, long bytes) {
        event.end();
        if (event.shouldCommit()) {
            event.call = call;
            event.bytes = bytes;
            event.commit();
        }
    }
}
