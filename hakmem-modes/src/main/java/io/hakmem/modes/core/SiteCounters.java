package io.hakmem.modes.core;

/** A site's allocation and byte counts: exact, per thread, with no atomic instruction on the path. */
final class SiteCounters {
    private static final int ALLOCATIONS = 0;
    private static final int BYTES = 1;

    private final ThreadCounts counts = new ThreadCounts(2);

    /** Adds {@code allocations} (1, or -1 to take back a request that failed) of {@code bytes} each. */
    void count(long allocations, long bytes) {
        counts.add(ALLOCATIONS, allocations, BYTES, allocations * bytes);
    }

    long allocations() {
        return counts.sum(ALLOCATIONS);
    }

    long bytes() {
        return counts.sum(BYTES);
    }
}
