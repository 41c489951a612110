package io.hakmem.spi;

/**
 * The small-object tier (TinyPool): serves requests up to {@link #maxBytes()} from its own memory and
 * recognises its blocks by address alone.
 */
public interface SmallTier extends AllocatorPart {

    /** The largest request this tier serves. */
    long maxBytes();

    /**
     * A block of at least {@code bytes} (at most {@link #maxBytes()}) aligned to {@code alignment}, or 0
     * when this tier cannot serve that alignment.
     */
    long allocate(long bytes, long alignment);

    /** Whether {@code address} lies in memory this tier manages. Must not touch that memory. */
    boolean owns(long address);

    /**
     * Frees the block at {@code address}, a {@code bytes}-long segment the caller was given.
     *
     * @throws IllegalArgumentException if {@code address} is not the start of a block of this tier
     * @throws IllegalStateException    if the block is already free
     */
    void free(long address, long bytes);

    /** Blocks handed out by this tier so far (for the allocator's totals). */
    long allocations();

    /** Blocks freed to this tier so far. */
    long frees();

    /** Requested bytes of this tier's live blocks. */
    long liveBytes();
}
