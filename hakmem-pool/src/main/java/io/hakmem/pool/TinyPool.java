package io.hakmem.pool;

import io.hakmem.spi.OsMemory;
import io.hakmem.spi.Reclaimer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * TinyPool: blocks of 16 B to 1 KiB in seven power-of-two classes, from 64 KiB slabs of one class each. A block of
 * class {@code c} is {@code 1 << (4 + c)} bytes and, since slabs are aligned to their size, naturally aligned to
 * it: a request is served by the class of {@code max(bytes, alignment)} rounded up.
 *
 * <p>Fast path: the thread's heap from a direct-mapped table, the current slab of the class, the block the thread
 * freed last there if it holds one, else one bitmap word: no lock, no atomic, no Java allocation. A free of a block
 * of that slab finds it by the class its size names; any other goes through the unit table. The rest is
 * {@link Pool}'s.
 */
final class TinyPool extends Pool {
    static final int MIN_SHIFT = 4;
    static final int MAX_SHIFT = 10;
    static final int CLASSES = MAX_SHIFT - MIN_SHIFT + 1;
    static final long MAX_BYTES = 1L << MAX_SHIFT;
    /**
     * Only for measuring what validation costs (a benchmark row beside the validated one): skips the whole-block
     * check of every free, which is also what tells a remote free that its block is handed out. A double free then
     * corrupts the pool: never set it in production.
     * A static final, so the JIT folds the unset default away.
     */
    private static final boolean CHECKED_FREES = !Boolean.getBoolean("hakmembench.tinypool.unchecked-frees");

    private static final VarHandle REQUEST = MethodHandles.arrayElementVarHandle(short[].class);

    TinyPool(PoolSettings settings, OsMemory os, Reclaimer reclaimer) {
        super("tinypool.", ClassTable.tiny(), settings, os, reclaimer);
    }

    /** The class of a request of {@code size} bytes (already the larger of size and alignment), 1..MAX_BYTES. */
    static int classOf(long size) {
        // the low bits set make every size up to 16 B class 0 with no compare
        return 64 - MIN_SHIFT - Long.numberOfLeadingZeros((size - 1) | ((1L << MIN_SHIFT) - 1));
    }

    @Override
    public long allocate(long bytes, long alignment, boolean byAddress) {
        long size = Math.max(bytes, alignment);
        if (size > MAX_BYTES) {
            return 0;
        }
        int c = classOf(size);
        Thread thread = Thread.currentThread();
        Heap heap = heapSlots[HeapTable.slot(thread)];
        if (heap.thread == thread) {
            Slab slab = heap.current[c];
            int held = slab.lastFreed;
            if (held >= 0) {
                slab.lastFreed = -1;
                heap.allocations++;
                return handOut(slab, held, bytes, byAddress);
            }
            int word = slab.cursor;
            if (slab.allocated[word] != -1L) {
                heap.allocations++;
                return take(slab, word, bytes, byAddress);
            }
            if (slab.seekFreeWord()) { // a full word, every 64th allocation of a class: no need of the slow path
                shared.releaseSurplus(); // as the slow path would: memory past the retain window goes back
                heap.allocations++;
                return take(slab, slab.cursor, bytes, byAddress);
            }
        }
        return allocateSlow(thread, c, bytes, byAddress);
    }

    /** The first free block of word {@code word}; owner only, on the current slab (so {@code used} is not kept). */
    @Override
    long take(Slab slab, int word, long bytes, boolean byAddress) {
        long bits = slab.allocated[word];
        int bit = Long.numberOfTrailingZeros(~bits);
        slab.allocated[word] = bits | (1L << bit);
        int block = word * Long.SIZE + bit;
        assert slab.requestedShort[block] == Slab.FREE || slab.requestedShort[block] == Slab.NEVER
                : "a free block's request is FREE or NEVER";
        return handOut(slab, block, bytes, byAddress);
    }

    /** Records the request of block {@code block}, whose bit is set, and returns its address. */
    private static long handOut(Slab slab, int block, long bytes, boolean byAddress) {
        assert (slab.allocated[block >>> 6] & (1L << block)) != 0 : "a block handed out has its bit set";
        slab.requestedShort[block] = (short) Slab.requestTag(bytes, byAddress); // bytes <= MAX_BYTES: no loss
        return slab.base + ((long) block << slab.blockShift);
    }

    @Override
    void forget(Slab slab, int block) {
        slab.requestedShort[block] = Slab.FREE_SHORT;
    }

    @Override
    boolean claim(Slab slab, int block, int request, int freed) {
        return REQUEST.compareAndSet(slab.requestedShort, block, (short) request, (short) freed);
    }

    @Override
    public void free(long address, long bytes, boolean byAddress) {
        assert owns(address) : "the caller frees here only what lies in the region";
        if (Long.compareUnsigned(bytes - 1, MAX_BYTES) < 0) { // 1..MAX_BYTES: a class to guess the slab by
            Thread thread = Thread.currentThread();
            Heap heap = heapSlots[HeapTable.slot(thread)];
            if (heap.thread == thread) { // before its arrays: a slot may hold another thread's heap, or none
                Slab slab = heap.current[classOf(bytes)];
                long offset = address - slab.base;
                if (Long.compareUnsigned(offset, Units.UNIT_BYTES) < 0) {
                    freeFromCurrent(slab, offset, bytes, byAddress, address);
                    return;
                }
            }
        }
        freeFromAny(address, bytes, byAddress);
    }

    /**
     * The free of a block of the calling thread's current slab of the class its size names: that slab is found
     * without the region's table, so the bitmap word this free clears depends on the address by arithmetic alone
     * rather than through two loads (a free right after the allocation it frees waits on them otherwise).
     */
    private void freeFromCurrent(Slab slab, long offset, long bytes, boolean byAddress, long address) {
        assert slab.state == Slab.CURRENT && slab.owner.thread == Thread.currentThread() : slab;
        int shift = slab.blockShift;
        if ((offset & ((1L << shift) - 1)) != 0) {
            throw notABlock(address, bytes);
        }
        int block = (int) (offset >>> shift); // below capacity: a slab is one unit, all of it blocks
        short recorded = slab.requestedShort[block];
        if (CHECKED_FREES && recorded != Slab.requestTag(bytes, byAddress)) { // bytes is 1..MAX_BYTES here
            throw notWhole(address, bytes, byAddress, recorded);
        }
        forgetOwned(slab, block, recorded, byAddress, address);
        if (slab.lastFreed < 0) {
            slab.lastFreed = block; // held for the next allocation: the two then wait on one store, not on the bitmap
        } else {
            slab.allocated[block >>> 6] &= ~(1L << block);
        }
    }

    private void freeFromAny(long address, long bytes, boolean byAddress) {
        Slab slab = units[(int) ((address - base) >>> Units.UNIT_SHIFT)];
        if (slab == null) {
            throw notABlock(address, bytes);
        }
        long offset = address - slab.base;
        int shift = slab.blockShift;
        if ((offset & ((1L << shift) - 1)) != 0) {
            throw notABlock(address, bytes);
        }
        int block = (int) (offset >>> shift);
        short recorded = slab.requestedShort[block];
        // compared as longs, no truncation; a negative size could make any record's tag, so its sign is checked
        if (CHECKED_FREES && (recorded != Slab.requestTag(bytes, byAddress) || bytes < 0)) {
            throw notWhole(address, bytes, byAddress, recorded);
        }
        freeBlock(slab, block, recorded, byAddress, address);
    }
}
