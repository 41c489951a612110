package io.hakmem.pool;

/**
 * A {@link Slab}'s mutable fields in two groups, each a cache line apart from the other and from the fields every
 * free reads (the slab's geometry, its arrays, its owner, declared in {@link Slab}). The owner writes {@code used}
 * on most local frees and another thread writes the pending mark on a remote free; on one line with the geometry
 * each such write would make the other thread's next free of any block of the slab miss its cache (larson: two
 * threads freeing into each other's slabs at every step). HotSpot lays out a superclass's fields before its
 * subclass's, which orders the groups; the padding keeps them apart (128 bytes: the adjacent-line prefetcher
 * fetches lines in pairs; its bytes fill any gap the fields before them left, which HotSpot would otherwise fill
 * with a subclass's fields).
 */
final class SlabFields {
    private SlabFields() {
    }

    /** Written by whoever holds the slab: its owner's thread, or the holder of a shard's lock; see {@link Slab}. */
    abstract static class OwnerWritten {
        int used;
        int cursor;
        int state;
        /**
         * The block the owner freed last on its current slab, held for its next allocation: freed (its request
         * FREE) but its bit still set, so nothing else hands it out; -1 for none. Only a current slab holds one.
         */
        int lastFreed = -1;
        /**
         * Released through the batch, whose advice may leave the pages resident until memory runs short
         * (MADV_FREE, or none under the keep policy): trim advises them away for good. Written by whoever holds
         * the slab.
         */
        boolean releasedLazily;
    }

    @SuppressWarnings("unused")
    abstract static class AfterOwnerWritten extends OwnerWritten {
        private long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
        private byte pb0, pb1, pb2, pb3, pb4, pb5, pb6, pb7;
    }

    /** Written by threads freeing into the slab, and by its owner when it collects their frees. */
    abstract static class RemoteWritten extends AfterOwnerWritten {
        /** 1 while the slab is on its owner's remote stack (or on its way to it). */
        volatile int remotePending;
        /** Link of the owner's remote stack. */
        Slab nextRemote;
    }

    @SuppressWarnings("unused")
    abstract static class AfterRemoteWritten extends RemoteWritten {
        private long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;
        private byte qb0, qb1, qb2, qb3, qb4, qb5, qb6, qb7;
    }
}
