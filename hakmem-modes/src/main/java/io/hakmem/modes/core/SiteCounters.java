package io.hakmem.modes.core;

/**
 * A site's allocation and byte counts: exact, per thread, with no atomic instruction on the path. A subclass
 * rather than a field, so that counting reads the table straight from the site's counters.
 */
final class SiteCounters extends ThreadCounts {
    /** Adds {@code allocations} (1, or -1 to take back a request that failed) of {@code bytes} each. */
    void count(long allocations, long bytes) {
        add(allocations, allocations * bytes);
    }

    long allocations() {
        return first();
    }

    long bytes() {
        return second();
    }
}
