package io.hakmem.elo;

/** Where a site is in the lifecycle. */
enum Phase {
    /** Rounds of exploration and rating; the best strategy may change every round. */
    LEARN,
    /** One strategy, watched on sampled allocations for a worse cost or a new size distribution. */
    FROZEN,
    /** Frozen, but a share of rounds tries a challenger, promoted only when it wins. */
    CANARY
}
