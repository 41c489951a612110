package io.hakmem.elo;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The sizes of a site's last {@link #CAPACITY} sampled requests, by sample number. Sampling threads write
 * without a lock (opaque: never torn, no fence); two samples racing for one slot lose one of them, which a
 * statistic of sizes can afford. Read under the site's lock, at window ends.
 */
final class RecentSizes {
    static final int SHIFT = 8;
    static final int CAPACITY = 1 << SHIFT;
    private static final int MASK = CAPACITY - 1;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] sizes = new long[CAPACITY];

    /** Sample number {@code sample} asked for {@code bytes}. */
    void record(long sample, long bytes) {
        SLOT.setOpaque(sizes, (int) (sample & MASK), bytes);
    }

    /** The distribution of samples {@code (from, to]}, at most the last {@link #CAPACITY} of them. */
    SizeHistogram histogram(long from, long to) {
        SizeHistogram histogram = new SizeHistogram();
        for (long sample = Math.max(from, to - CAPACITY) + 1; sample <= to; sample++) {
            long bytes = (long) SLOT.getOpaque(sizes, (int) (sample & MASK));
            if (bytes > 0) {
                histogram.add(bytes);
            }
        }
        return histogram;
    }

    /**
     * The share of the recent samples that thresholds {@code a} and {@code b} decide differently (one maps, the
     * other mallocs): 0 when they are the same decision for this site, whatever their ratings say.
     */
    double disagreement(long a, long b, long lastSample) {
        long low = Math.min(a, b);
        long high = Math.max(a, b);
        int seen = 0;
        int differ = 0;
        for (long sample = Math.max(0, lastSample - CAPACITY) + 1; sample <= lastSample; sample++) {
            long bytes = (long) SLOT.getOpaque(sizes, (int) (sample & MASK));
            if (bytes > 0) {
                seen++;
                if (bytes >= low && bytes < high) {
                    differ++;
                }
            }
        }
        return seen == 0 ? (a == b ? 0 : 1) : (double) differ / seen;
    }
}
