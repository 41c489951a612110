package io.hakmem.modes.trace;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A trace recording started or ended: where, and at the end what it holds. */
@Name("io.hakmem.Trace")
@Label("hakmem Trace")
@Category("hakmem")
@Description("A trace of an allocator's allocations and frees started or ended (hakmem.trace.out)")
@StackTrace(false)
final class TraceEvent extends Event {
    @Label("Kind")
    @Description("start or end")
    String kind;

    @Label("File")
    String file;

    @Label("Events")
    long events;

    @Label("Dropped")
    @Description("Events not recorded because the writer could not keep up")
    long dropped;

    @Label("Bytes")
    @DataAmount
    long bytes;

    static void emit(String kind, String file, long events, long dropped, long bytes) {
        TraceEvent event = new TraceEvent();
        if (event.isEnabled()) {
            event.kind = kind;
            event.file = file;
            event.events = events;
            event.dropped = dropped;
            event.bytes = bytes;
            event.commit();
        }
    }
}
