package io.hakmem.bench.ablation;

/**
 * How long each cell warms up and measures, and how big the live sets are.
 *
 * @param liveSet cold-churn's live blocks; larson's per thread is a tenth of it
 */
record Budget(long warmupNanos, long measureNanos, int liveSet) {
    static final Budget QUICK = new Budget(200_000_000L, 400_000_000L, 20_000);
    static final Budget FULL = new Budget(1_000_000_000L, 3_000_000_000L, 100_000);
}
