package io.hakmem.bench.ablation;

import java.util.Arrays;

/** Per-operation times of measured batches; percentiles across batches. */
final class Samples {
    private double[] values = new double[1024];
    private int count;

    void add(double nanosPerOperation) {
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = nanosPerOperation;
    }

    void addAll(Samples other) {
        for (int i = 0; i < other.count; i++) {
            add(other.values[i]);
        }
    }

    int count() {
        return count;
    }

    double median() {
        return percentile(0.5);
    }

    double p99() {
        return percentile(0.99);
    }

    private double percentile(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return sorted[(int) Math.min(count - 1, Math.floor(p * count))];
    }
}
