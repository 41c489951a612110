package io.hakmem.spi;

/**
 * The small-block tier (TinyPool): offered every request first, serves the ones it can from its own memory and
 * recognises its blocks by address alone.
 *
 * <p>A block is handed out either as a segment ({@code Hakmem.allocate}) or by address
 * ({@code Hakmem.allocateAddress}); a tier records which, and a free must say the same. Blocks handed out by
 * address outlive the allocator's close until they are freed: the allocator closes the tier only after the
 * last of them came back.
 */
public interface SmallTier extends AllocatorPart {

    /**
     * A block of at least {@code bytes} aligned to {@code alignment}, or 0 when this tier does not serve that
     * request (too large, an alignment it cannot give, its memory used up); the allocator then routes it on.
     * Called for every request, so a refusal must be cheap.
     *
     * @param byAddress whether the block is handed out by address rather than as a segment
     */
    long allocate(long bytes, long alignment, boolean byAddress);

    /** Whether {@code address} lies in memory this tier manages. Must not touch that memory. */
    boolean owns(long address);

    /**
     * Frees the block at {@code address}, {@code bytes} long as it was asked for, handed out as a segment or by
     * address as {@code byAddress} says.
     *
     * @throws IllegalArgumentException if {@code address} is not the start of a block of this tier, the size is
     *                                  not the block's, or the block was handed out the other way
     * @throws IllegalStateException    if the block is already free
     */
    void free(long address, long bytes, boolean byAddress);

    /** Blocks handed out by this tier so far (for the allocator's totals). */
    long allocations();

    /** Blocks freed to this tier so far. */
    long frees();

    /** Requested bytes of this tier's live blocks. */
    long liveBytes();
}
