package io.hakmem.batch;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** One flush of the batch: the queued blocks and ranges released together; its duration is the event's. */
@Name("io.hakmem.batch.Flush")
@Label("Batch Flush")
@Category({"hakmem", "Batch"})
@Description("The batch released its queue: madvise per the free policy, cold and over-bound blocks unmapped")
@StackTrace(false)
final class FlushEvent extends Event {
    @Label("Blocks")
    int blocks;

    @Label("Bytes")
    @DataAmount
    long bytes;

    @Label("Ranges")
    @Description("Ranges of kept memory (TinyPool's empty slabs) released")
    int ranges;

    @Label("Trim")
    @Description("Run by trim(), idle release or close rather than a flush mark")
    boolean trim;
}
