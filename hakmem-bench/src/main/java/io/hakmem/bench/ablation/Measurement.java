package io.hakmem.bench.ablation;

/**
 * What a scenario measured, before the runner adds process and allocator figures.
 *
 * @param operations measured operations (warmup excluded)
 * @param elapsedNanos wall time of the measured phase
 * @param faultsBefore minor and major faults when the measured phase began
 * @param faultsAfter  minor and major faults when it ended
 */
record Measurement(Samples samples, long operations, long elapsedNanos, long[] faultsBefore, long[] faultsAfter) {

    double throughput() {
        return operations * 1e9 / Math.max(1, elapsedNanos);
    }

    double minorFaultsPerOperation() {
        return (double) (faultsAfter[0] - faultsBefore[0]) / Math.max(1, operations);
    }

    long majorFaults() {
        return faultsAfter[1] - faultsBefore[1];
    }
}
