package io.hakmem.pool;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many bytes of slabs the heaps hold, and the most they held within the last window: the pool keeps enough
 * empty slabs resident to get back to that peak without a page fault (a parser that frees a whole document and
 * builds the next), and lets the rest go. Updated when whole slabs change hands, never per block; the peak is a
 * heuristic and racy by design.
 */
final class Demand {
    private final AtomicLong inUse = new AtomicLong();
    private final long windowNanos;
    private volatile long peak;
    private volatile long peakAt = System.nanoTime();

    Demand(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    void add(long bytes) {
        long now = inUse.addAndGet(bytes);
        if (bytes > 0 && now > peak) {
            peak = now;
            peakAt = System.nanoTime();
        }
    }

    long inUse() {
        return inUse.get();
    }

    /** The peak of the last window; a window without a new peak starts from what is in use now. */
    long recentPeak() {
        if (windowNanos <= 0) {
            return 0;
        }
        long now = System.nanoTime();
        if (now - peakAt > windowNanos) {
            peak = inUse.get();
            peakAt = now;
        }
        return peak;
    }
}
