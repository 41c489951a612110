package io.hakmem.elo;

import java.util.Arrays;

/** Sampled request sizes by power of two: what "the size distribution shifted by 25%" is measured on. */
final class SizeHistogram {
    private final long[] counts = new long[64];
    private long total;

    void add(long bytes) {
        counts[63 - Long.numberOfLeadingZeros(Math.max(1, bytes))]++;
        total++;
    }

    long total() {
        return total;
    }

    /** Total variation distance to {@code other}: 0 for the same distribution, 1 for disjoint ones. */
    double distance(SizeHistogram other) {
        if (total == 0 || other.total == 0) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < counts.length; i++) {
            sum += Math.abs((double) counts[i] / total - (double) other.counts[i] / other.total);
        }
        return sum / 2;
    }

    @Override
    public String toString() {
        return "SizeHistogram" + Arrays.toString(counts);
    }
}
