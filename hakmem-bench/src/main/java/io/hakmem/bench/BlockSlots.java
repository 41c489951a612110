package io.hakmem.bench;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * Numbered places for blocks of one peer, in the peer's own handle type (an address, a segment, a
 * {@code ByteBuf}): for the scenarios where blocks outlive the operation that allocated them (tiny-batch,
 * cross-thread, larson, mid-churn, tree). A slot is used by one thread at a time; the benchmark orders threads.
 */
public interface BlockSlots {

    /** Allocates {@code size} bytes into the empty slot {@code slot} and writes one {@code long} into it. */
    void allocate(int slot, long size);

    /** Frees the block in slot {@code slot}, from whichever thread, and empties the slot. */
    void free(int slot);

    /** Writes one byte into each page of {@code pageSize} bytes of the block in slot {@code slot}, {@code size} long. */
    void touch(int slot, long size, long pageSize);

    /**
     * Writes one byte into each page of {@code pageSize} bytes of the {@code size} bytes at {@code from} of
     * {@code memory}: what every peer's touch does, through its own segment or the global one.
     */
    static void touchPages(MemorySegment memory, long from, long size, long pageSize) {
        for (long offset = 0; offset < size; offset += pageSize) {
            memory.set(JAVA_BYTE, from + offset, (byte) 1);
        }
    }
}
