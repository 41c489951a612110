package io.hakmem.elo;

/**
 * Where a site is in the lifecycle. Reported as the counter {@code elo.site.<name>.phase}, by {@link #code()}:
 * 1, 2, 3, so that a counter that is missing (0) is never mistaken for a phase.
 */
enum Phase {
    /** Rounds of exploration and rating; the best strategy may change every round. */
    LEARN,
    /** One strategy, watched on sampled allocations for a worse cost or a new size distribution. */
    FROZEN,
    /** Frozen, but a share of rounds tries a challenger, promoted only when it wins. */
    CANARY;

    /** The value of the {@code elo.site.<name>.phase} counter. */
    long code() {
        return ordinal() + 1;
    }
}
