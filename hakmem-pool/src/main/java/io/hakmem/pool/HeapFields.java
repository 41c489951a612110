package io.hakmem.pool;

/**
 * A {@link Heap}'s mutable fields in two groups a cache line apart from each other and from the fields read on
 * every allocation and every free into the heap's slabs (its thread, its current slabs, declared in {@link Heap}):
 * the owner's counters, written on each allocation and each remote free, and the remote stack's head, swapped by
 * other threads. HotSpot lays out a superclass's fields before its subclass's; the padding keeps the groups apart
 * (as in {@link SlabFields}).
 */
final class HeapFields {
    private HeapFields() {
    }

    /**
     * Written by the owner only, read racily by stats (exact once the owner is quiet). Local frees are not
     * counted: the pool derives them from the bitmaps, which saves the free path a store.
     */
    abstract static class Counters {
        long allocations;
        /** Frees this heap's thread made into slabs of other owners. */
        long remoteFrees;
        long refills;
        /** Slabs taken off this heap's remote stack: each cost a remote free a CAS on the slab and a push. */
        long remoteNotices;
        /**
         * Remote frees found stale by this heap's collections: each raced with the owner's own free of the same
         * block (a double free on two threads at once, both of which returned), and was dropped.
         */
        long racedFrees;
        /** {@link #refills} when the remote stack was last collected. */
        long refillsAtCollection;
    }

    @SuppressWarnings("unused")
    abstract static class AfterCounters extends Counters {
        private long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
        private byte pb0, pb1, pb2, pb3, pb4, pb5, pb6, pb7;
    }

    /** Swapped by threads freeing into the heap's slabs and by the owner collecting them. */
    abstract static class RemoteHead extends AfterCounters {
        /** Slabs with blocks freed by other threads, not yet collected (a Treiber stack, taken whole). */
        volatile Slab remoteHead;
    }

    @SuppressWarnings("unused")
    abstract static class AfterRemoteHead extends RemoteHead {
        private long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;
        private byte qb0, qb1, qb2, qb3, qb4, qb5, qb6, qb7;
    }
}
