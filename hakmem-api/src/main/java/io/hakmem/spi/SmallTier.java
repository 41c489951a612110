package io.hakmem.spi;

/**
 * The small-object tier (TinyPool): offered every request first, serves the ones it can from its own memory
 * and recognises its blocks by address alone.
 */
public interface SmallTier extends AllocatorPart {

    /**
     * A block of at least {@code bytes} aligned to {@code alignment}, or 0 when this tier does not serve that
     * request (too large, an alignment it cannot give, its memory used up); the allocator then routes it on.
     * Called for every request, so a refusal must be cheap.
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
