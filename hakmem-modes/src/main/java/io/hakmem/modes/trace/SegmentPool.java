package io.hakmem.modes.trace;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The segments of a recording: made on demand up to {@code hakmem.trace.buffer} in all, then only reused, the one
 * written last first (still in a cache). When every segment is full and waiting for the writer, threads drop their
 * events instead of waiting for the disk.
 */
final class SegmentPool {
    private final ConcurrentLinkedDeque<Segment> free = new ConcurrentLinkedDeque<>();
    private final AtomicInteger made = new AtomicInteger();
    private final int max;

    SegmentPool(long bufferBytes) {
        this.max = (int) Math.max(2, Math.min(Integer.MAX_VALUE, bufferBytes >>> TraceLayout.SEGMENT_SHIFT));
    }

    /** An empty segment, or null when all of them are in use. */
    Segment take() {
        Segment segment = free.pollFirst();
        if (segment != null) {
            return segment;
        }
        for (int count = made.get(); count < max; count = made.get()) {
            if (made.compareAndSet(count, count + 1)) {
                return new Segment(TraceLayout.SEGMENT_SIZE);
            }
        }
        return free.pollFirst();
    }

    /** Writer: {@code segment} is written; another thread may fill it. */
    void recycle(Segment segment) {
        segment.reset();
        free.offerFirst(segment);
    }
}
