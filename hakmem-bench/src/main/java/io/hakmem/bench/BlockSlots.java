package io.hakmem.bench;

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
}
