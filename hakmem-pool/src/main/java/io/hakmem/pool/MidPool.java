package io.hakmem.pool;

import io.hakmem.spi.MidTier;
import io.hakmem.spi.OsMemory;
import io.hakmem.spi.Reclaimer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * MidPool: blocks above 1 KiB, eight size classes per doubling (1152, 1280, 1408, ..., 2048, 2304, ...: a block
 * wastes at most 11.1 % of itself, 12.5 % of the request, 4.4 % on average over log-uniform sizes), each class in
 * slabs of the smallest power of two of 64 KiB units that holds at least 8 of its blocks: 64 KiB for 1152 B to
 * 8 KiB, 2 MiB for 144 to 256 KiB. No slab holds more than 64 blocks, so its bitmap is one word and the fast path
 * is a single tzcnt.
 *
 * <p>A block starts at {@code slab.base + i * blockBytes}, so it is aligned to the lowest set bit of its class's
 * size (128 B at least); a request aligned beyond that takes the next class that is. The block index of an
 * address is a multiply by the class's reciprocal, checked by multiplying back.
 */
final class MidPool extends Pool implements MidTier {
    static final long MAX_BYTES = 1L << 20;
    /** Every mid block is aligned to at least this (the lowest set bit of 1152). */
    static final long MIN_ALIGNMENT = 128;
    private static final VarHandle REQUEST = MethodHandles.arrayElementVarHandle(int[].class);

    /** Requests (the larger of size and alignment) at or above this go on to the large-block path. */
    private final long limit;

    MidPool(long limit, PoolSettings settings, OsMemory os, Reclaimer reclaimer) {
        super("midpool.", ClassTable.mid(limit), settings, os, reclaimer);
        this.limit = limit;
    }

    /**
     * The class of {@code size} (above 1 KiB): with {@code 2^e < size <= 2^(e+1)}, the k-th of the eight classes
     * {@code 2^e + k * 2^(e-3)} that holds it.
     */
    static int classOf(long size) {
        int e = 63 - Long.numberOfLeadingZeros(size - 1);
        int k = (int) ((size - 1 - (1L << e)) >>> (e - 3)) + 1;
        return 8 * (e - 10) + k - 1;
    }

    static long blockBytes(int c) {
        int e = 10 + c / 8;
        return (1L << e) + ((long) (c % 8 + 1) << (e - 3));
    }

    /** The first class from {@code c} up whose blocks are all aligned to {@code alignment}; -1 past the last. */
    private int alignedClass(int c, long alignment) {
        for (; c < classes.count; c++) {
            if (Long.lowestOneBit(classes.blockBytes[c]) >= alignment) {
                return c;
            }
        }
        return -1;
    }

    @Override
    public long allocate(long bytes, long alignment, boolean byAddress) {
        long size = Math.max(bytes, alignment);
        if (size <= TinyPool.MAX_BYTES || size >= limit) {
            return 0;
        }
        int c = classOf(size);
        if (alignment > MIN_ALIGNMENT && (c = alignedClass(c, alignment)) < 0) {
            return 0;
        }
        Thread thread = Thread.currentThread();
        Heap heap = heapSlots[HeapTable.slot(thread)];
        if (heap.thread == thread) {
            Slab slab = heap.current[c];
            if (slab.allocated[0] != -1L) {
                heap.allocations++;
                return take(slab, 0, bytes, byAddress);
            }
        }
        return allocateSlow(thread, c, bytes, byAddress);
    }

    /** The first free block; owner only, on the current slab (so {@code used} is not kept). One word per slab. */
    @Override
    long take(Slab slab, int word, long bytes, boolean byAddress) {
        assert word == 0 : word;
        long bits = slab.allocated[0];
        int block = Long.numberOfTrailingZeros(~bits);
        slab.allocated[0] = bits | (1L << block);
        assert slab.requestedInt[block] == Slab.FREE || slab.requestedInt[block] == Slab.NEVER
                : "a free block's request is FREE or NEVER";
        slab.requestedInt[block] = (int) Slab.requestTag(bytes, byAddress); // bytes below 1 MiB: no loss
        return slab.base + block * slab.blockBytes;
    }

    @Override
    void forget(Slab slab, int block) {
        slab.requestedInt[block] = Slab.FREE;
    }

    @Override
    boolean claim(Slab slab, int block, int request, int freed) {
        return REQUEST.compareAndSet(slab.requestedInt, block, request, freed);
    }

    @Override
    public void free(long address, long bytes, boolean byAddress) {
        Slab slab = units[(int) ((address - base) >>> Units.UNIT_SHIFT)];
        if (slab == null) {
            throw notABlock(address, bytes);
        }
        long offset = address - slab.base;
        int block = (int) ((offset * slab.reciprocal) >>> 48);
        if (block * slab.blockBytes != offset || block >= slab.capacity) {
            throw notABlock(address, bytes);
        }
        int recorded = slab.requestedInt[block];
        // compared as longs, no truncation; a negative size could make any record's tag, so its sign is checked
        if (recorded != Slab.requestTag(bytes, byAddress) || bytes < 0) {
            throw notWhole(address, bytes, byAddress, recorded);
        }
        freeBlock(slab, block, recorded, byAddress, address);
    }
}
