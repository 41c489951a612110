package io.hakmem.modes.trace;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The id of every live recorded block, by address: a free knows only its address. Open addressing with linear
 * probing over {@code long} pairs (address, id); an id of 0 is no live block. An address, once it has a slot,
 * keeps it for good (the allocators reuse addresses, so the slot is reused too), so a probe ends at an empty
 * slot and no slot is ever taken back. A table half full of addresses gets a successor twice its size; new
 * addresses go to the newest table, and a lookup tries every table, newest first.
 *
 * <p>Threading: no lock. {@link #put} is called by the thread that was just handed the block, {@link #remove} by
 * the thread about to free it; for one address they alternate, ordered by the allocator itself (an address is
 * handed out again only after its free), so an id has one writer at a time. A slot is claimed with a CAS on its
 * address; ids are written with release and read with acquire. Only growing takes a lock, once per doubling.
 */
final class LiveBlocks {
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int INITIAL_SHIFT = 16;

    /** Oldest first; replaced (never changed) when a table is added. */
    private volatile Table[] tables = {new Table(INITIAL_SHIFT)};

    /** Records that the block at {@code address} has id {@code id} (not 0). */
    void put(long address, long id) {
        Table[] all = tables;
        for (int i = all.length - 1; i >= 0; i--) {
            int slot = all[i].find(address);
            if (slot >= 0) {
                SLOTS.setRelease(all[i].slots, slot + 1, id);
                return;
            }
        }
        while (true) {
            Table newest = tables[tables.length - 1];
            if (newest.claim(address, id)) {
                return;
            }
            grow(newest);
        }
    }

    /**
     * The id of the block at {@code address}, which is about to be freed, and no live block there any more; 0 when
     * none is recorded. No atomic swap: only the freeing thread touches the id now.
     */
    long remove(long address) {
        Table[] all = tables;
        for (int i = all.length - 1; i >= 0; i--) {
            int slot = all[i].find(address);
            if (slot >= 0) {
                long id = (long) SLOTS.getAcquire(all[i].slots, slot + 1);
                SLOTS.setRelease(all[i].slots, slot + 1, 0L);
                return id;
            }
        }
        return 0;
    }

    /** Adds a table twice the size of {@code full}, unless another thread already did. */
    private synchronized void grow(Table full) {
        Table[] all = tables;
        if (all[all.length - 1] == full) {
            Table[] grown = Arrays.copyOf(all, all.length + 1);
            grown[all.length] = new Table(full.shift + 1);
            tables = grown;
        }
    }

    /** Slots of addresses ever recorded, over every table (for tests). */
    int addresses() {
        int count = 0;
        for (Table table : tables) {
            count += table.used();
        }
        return count;
    }

    private static final class Table {
        /** [2i] the address (0: empty), [2i + 1] its live block's id (0: none). */
        final long[] slots;
        final int shift;
        private final int mask;
        private final int limit;
        @SuppressWarnings("unused") // through CLAIMED
        private volatile int claimed;
        private static final VarHandle CLAIMED;

        static {
            try {
                CLAIMED = MethodHandles.lookup().findVarHandle(Table.class, "claimed", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        Table(int shift) {
            this.shift = shift;
            this.slots = new long[2 << shift];
            this.mask = (1 << shift) - 1;
            this.limit = 1 << (shift - 1);
        }

        boolean full() {
            return claimed >= limit;
        }

        int used() {
            return claimed;
        }

        private int home(long address) {
            return (int) ((address * 0x9E3779B97F4A7C15L) >>> (64 - shift)) & mask;
        }

        /** The index of {@code address}'s pair, or -1. */
        int find(long address) {
            for (int i = home(address); ; i = (i + 1) & mask) {
                long key = (long) SLOTS.getAcquire(slots, 2 * i);
                if (key == address) {
                    return 2 * i;
                }
                if (key == 0) {
                    return -1;
                }
            }
        }

        /** Takes an empty slot for {@code address} and sets its id; false when the table filled up first. */
        boolean claim(long address, long id) {
            for (int i = home(address); ; i = (i + 1) & mask) {
                long key = (long) SLOTS.getAcquire(slots, 2 * i);
                if (key == 0) {
                    if (full()) {
                        return false;
                    }
                    if (SLOTS.compareAndSet(slots, 2 * i, 0L, address)) {
                        CLAIMED.getAndAdd(this, 1);
                        SLOTS.setRelease(slots, 2 * i + 1, id);
                        return true;
                    }
                    key = (long) SLOTS.getAcquire(slots, 2 * i);
                }
                if (key == address) { // claimed by an earlier put that lost a race to grow: reuse it
                    SLOTS.setRelease(slots, 2 * i + 1, id);
                    return true;
                }
            }
        }
    }
}
