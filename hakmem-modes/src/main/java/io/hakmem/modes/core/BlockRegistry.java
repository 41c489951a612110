package io.hakmem.modes.core;

import io.hakmem.HakmemStats;
import io.hakmem.spi.CounterSink;
import io.hakmem.spi.SpinLocked;


/**
 * Address -> metadata for every block of the malloc and mapped paths, so {@code free} validates a segment
 * against memory the allocator knows. 64 striped open-addressing tables of primitives: no Java allocation
 * per operation, and one atomic instruction per operation (a stripe's spin lock is taken with a CAS and
 * released with a plain release store). The core's counters live in the stripes too, updated under the
 * same lock, so counting costs no further atomics.
 *
 * <p>A freed block keeps its entry, marked {@link BlockInfo#FREED}, so a second free is told apart from a
 * foreign pointer. Freed entries are dropped when a stripe needs room; a double free after that reads as
 * a foreign free. Both are refused, neither corrupts anything.
 *
 * <pre>
 * slot i of a stripe: [ address | requested bytes | info ]   (address 0 = empty)
 * </pre>
 */
final class BlockRegistry {
    private static final int STRIPE_SHIFT = 6;
    private static final int STRIPES = 1 << STRIPE_SHIFT;
    private static final int SLOT = 3;
    private static final int INITIAL_SLOTS = 64;

    private final Stripe[] stripes = new Stripe[STRIPES];

    BlockRegistry() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    /** Called for each live block by {@link #releaseAllButArenaBlocks}. */
    interface LiveBlockVisitor {
        void visit(long address, long requested, long info);
    }

    private static int hash(long address) {
        return (int) ((address * 0x9E3779B97F4A7C15L) >>> 32);
    }

    private Stripe stripe(int hash) {
        return stripes[hash >>> (32 - STRIPE_SHIFT)];
    }

    /**
     * Records a block just handed out; an entry at the same address (a freed one) is replaced. False once
     * close has passed this block's stripe: an allocation racing with close gets nothing, and its caller
     * gives the memory back itself (close would never see it).
     */
    boolean register(long address, long requested, long info) {
        int hash = hash(address);
        Stripe stripe = stripe(hash);
        stripe.lock();
        try {
            if (stripe.closed) {
                return false;
            }
            stripe.put(address, requested, info, hash);
            stripe.allocated(requested, info);
            return true;
        } finally {
            stripe.unlock();
        }
    }

    /** What an allocation racing with close gets. */
    static IllegalStateException closed() {
        return new IllegalStateException("This Hakmem is closed");
    }

    /**
     * Marks the block at {@code address} freed and returns its info.
     *
     * @throws IllegalArgumentException if no block starts there, or the segment is not the whole block
     * @throws IllegalStateException    if the block is already freed, or close freed it
     */
    long release(long address, long requested) {
        int hash = hash(address);
        Stripe stripe = stripe(hash);
        stripe.lock();
        try {
            int slot = stripe.find(address, hash);
            if (slot < 0) {
                throw notABlock(address, requested);
            }
            long[] slots = stripe.slots;
            long info = slots[slot + 2];
            if (BlockInfo.isFreed(info)) {
                if (stripe.closed) {
                    throw closed(); // close freed it: this free passed the open check before close began
                }
                throw new IllegalStateException("Double free: the block at 0x" + Long.toHexString(address)
                        + " is already freed");
            }
            if (slots[slot + 1] != requested) {
                throw new IllegalArgumentException("Not a whole block: the segment at 0x"
                        + Long.toHexString(address) + " is " + requested + " bytes long but the block is "
                        + slots[slot + 1] + " bytes (free the segment allocate returned, not a slice)");
            }
            slots[slot + 2] = info | BlockInfo.FREED;
            stripe.freedEntries++;
            stripe.freed(requested, info);
            return info;
        } finally {
            stripe.unlock();
        }
    }

    static IllegalArgumentException notABlock(long address, long requested) {
        return new IllegalArgumentException("Not a block of this allocator: 0x" + Long.toHexString(address)
                + " (" + requested + " bytes) is not the start of a block it handed out (an interior slice?)");
    }

    /**
     * Closes the registry to new blocks and marks every live block freed and visits it, but the blocks of
     * arenas, which stay live until their arena frees them; used once, by close.
     */
    void releaseAllButArenaBlocks(LiveBlockVisitor visitor) {
        for (Stripe stripe : stripes) {
            stripe.lock();
            try {
                stripe.closed = true;
                long[] slots = stripe.slots;
                for (int i = 0; i < slots.length; i += SLOT) {
                    long info = slots[i + 2];
                    if (slots[i] != 0 && !BlockInfo.isFreed(info) && !BlockInfo.isArena(info)) {
                        slots[i + 2] = info | BlockInfo.FREED;
                        stripe.freedEntries++;
                        stripe.freed(slots[i + 1], info);
                        visitor.visit(slots[i], slots[i + 1], info);
                    }
                }
            } finally {
                stripe.unlock();
            }
        }
    }

    /**
     * Allocations plus frees so far, read without the stripes' locks: a number that changes whenever the
     * allocator is used, for the idle release. Plain reads of counters other threads write under their
     * stripe's lock may be a little stale, never torn (64-bit JVMs read longs whole), which is all it needs.
     */
    long activity() {
        long operations = 0;
        for (Stripe stripe : stripes) {
            operations += stripe.allocations + stripe.frees;
        }
        return operations;
    }

    /** The core's counters: blocks and bytes of the malloc and mapped paths, and the malloc/free calls. */
    void report(CounterSink sink) {
        long allocations = 0;
        long frees = 0;
        long liveBytes = 0;
        long mapped = 0;
        long malloced = 0;
        long mallocFrees = 0;
        for (Stripe stripe : stripes) {
            stripe.lock();
            try {
                allocations += stripe.allocations;
                frees += stripe.frees;
                liveBytes += stripe.liveBytes;
                mapped += stripe.mappedAllocations;
                malloced += stripe.mallocAllocations;
                mallocFrees += stripe.mallocFrees;
            } finally {
                stripe.unlock();
            }
        }
        sink.counter(HakmemStats.ALLOCATIONS, allocations);
        sink.counter(HakmemStats.FREES, frees);
        sink.counter(HakmemStats.LIVE_BYTES, liveBytes);
        sink.counter("path.mapped", mapped);
        sink.counter("path.malloc", malloced);
        sink.counter(HakmemStats.MALLOC_CALLS, malloced);
        sink.counter(HakmemStats.FREE_CALLS, mallocFrees);
    }

    /**
     * One lock's worth of the table and its counters. Invariants: used = live + freedEntries, used <= 3/4 of
     * the slots; allocations - frees = live; liveBytes = the requested bytes of the live entries.
     */
    private static final class Stripe extends SpinLocked {
        long[] slots = new long[INITIAL_SLOTS * SLOT];
        int used;
        int freedEntries;
        /** Set by close under this stripe's lock: no block registers here any more. */
        boolean closed;
        long allocations;
        long frees;
        long liveBytes;
        long mappedAllocations;
        long mallocAllocations;
        long mallocFrees;

        void allocated(long requested, long info) {
            allocations++;
            liveBytes += requested;
            if (BlockInfo.isMapped(info)) {
                mappedAllocations++;
            } else {
                mallocAllocations++;
            }
        }

        void freed(long requested, long info) {
            frees++;
            liveBytes -= requested;
            if (!BlockInfo.isMapped(info)) {
                mallocFrees++;
            }
        }

        private int mask() {
            return slots.length / SLOT - 1;
        }

        int find(long address, int hash) {
            int mask = mask();
            for (int i = hash & mask; ; i = (i + 1) & mask) {
                long key = slots[i * SLOT];
                if (key == address) {
                    return i * SLOT;
                }
                if (key == 0) {
                    return -1;
                }
            }
        }

        void put(long address, long requested, long info, int hash) {
            int mask = mask();
            for (int i = hash & mask; ; i = (i + 1) & mask) {
                int slot = i * SLOT;
                long key = slots[slot];
                if (key == address) {
                    if (BlockInfo.isFreed(slots[slot + 2])) {
                        freedEntries--;
                    }
                    slots[slot + 1] = requested;
                    slots[slot + 2] = info;
                    return;
                }
                if (key == 0) {
                    slots[slot] = address;
                    slots[slot + 1] = requested;
                    slots[slot + 2] = info;
                    if (++used * 4 > (mask + 1) * 3) {
                        rebuild();
                    }
                    return;
                }
            }
        }

        /** Rehashes without freed entries, doubling when the live ones still fill half the table. */
        private void rebuild() {
            long[] old = slots;
            int live = used - freedEntries;
            int capacity = mask() + 1;
            int newCapacity = live * 2 >= capacity ? capacity * 2 : capacity;
            slots = new long[newCapacity * SLOT];
            used = 0;
            freedEntries = 0;
            int mask = newCapacity - 1;
            for (int slot = 0; slot < old.length; slot += SLOT) {
                long key = old[slot];
                if (key == 0 || BlockInfo.isFreed(old[slot + 2])) {
                    continue;
                }
                int i = hash(key) & mask;
                while (slots[i * SLOT] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i * SLOT] = key;
                slots[i * SLOT + 1] = old[slot + 1];
                slots[i * SLOT + 2] = old[slot + 2];
                used++;
            }
        }
    }
}
