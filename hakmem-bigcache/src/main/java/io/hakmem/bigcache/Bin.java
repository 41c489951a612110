package io.hakmem.bigcache;


/**
 * One site's cached blocks of one size class: a LIFO (the most recently freed block is the one whose pages
 * are most likely still in the TLB and the caches) that also gives up its bottom, its oldest block, to the
 * evictor. A ring of (address, stamp) pairs guarded by the bin's own spin lock: taken with one CAS,
 * released with a release store.
 *
 * <pre>
 * slots: [address | stamp] x capacity (a power of two), a ring
 *         bottom (oldest) at head, top (newest) at (head + count - 1) &amp; mask
 * </pre>
 *
 * Invariants under the lock: 0 &lt;= count &lt;= capacity; {@code oldest} is the stamp at head, or
 * {@link Long#MAX_VALUE} when count == 0; inserts - hits - evicted == count.
 */
final class Bin extends SpinLocked {
    private static final int INITIAL_CAPACITY = 4;

    private long[] slots = new long[INITIAL_CAPACITY * 2];
    private int head;
    private int count;
    /**
     * The bottom's stamp, written under the lock and read without it by the evictor's scan: a stale value
     * only makes it pick a slightly younger victim, which it then takes under the lock.
     */
    private long oldest = Long.MAX_VALUE;
    private long hits;
    private long misses;
    private long inserts;

    /** The newest block, or 0 on a miss. */
    long take() {
        lock();
        try {
            if (count == 0) {
                misses++;
                return 0;
            }
            int top = (head + --count) & mask();
            hits++;
            if (count == 0) {
                oldest = Long.MAX_VALUE;
            }
            return slots[top * 2];
        } finally {
            unlock();
        }
    }

    void push(long address, long stamp) {
        lock();
        try {
            if (count == slots.length / 2) {
                grow();
            }
            int top = (head + count) & mask();
            slots[top * 2] = address;
            slots[top * 2 + 1] = stamp;
            if (count++ == 0) {
                oldest = stamp;
            }
            inserts++;
        } finally {
            unlock();
        }
    }

    /** The stamp of the oldest block, racy (see {@link #oldest}); {@link Long#MAX_VALUE} when empty. */
    long oldestStamp() {
        return oldest;
    }

    /** Removes the oldest block and returns its address, or 0 if the bin emptied meanwhile. */
    long evictOldest() {
        lock();
        try {
            if (count == 0) {
                return 0;
            }
            long address = slots[head * 2];
            head = (head + 1) & mask();
            oldest = --count == 0 ? Long.MAX_VALUE : slots[head * 2 + 1];
            return address;
        } finally {
            unlock();
        }
    }

    /** Adds this bin's counters to {@code totals}: hits, misses, inserts, blocks. */
    void addCounters(long[] totals) {
        lock();
        try {
            totals[0] += hits;
            totals[1] += misses;
            totals[2] += inserts;
            totals[3] += count;
        } finally {
            unlock();
        }
    }

    private int mask() {
        return slots.length / 2 - 1;
    }

    /** Doubles the ring, unrolling it so head is 0: rare, a bin grows to its steady depth once. */
    private void grow() {
        long[] bigger = new long[slots.length * 2];
        int capacity = slots.length / 2;
        for (int i = 0; i < count; i++) {
            int from = (head + i) & (capacity - 1);
            bigger[i * 2] = slots[from * 2];
            bigger[i * 2 + 1] = slots[from * 2 + 1];
        }
        slots = bigger;
        head = 0;
    }
}
