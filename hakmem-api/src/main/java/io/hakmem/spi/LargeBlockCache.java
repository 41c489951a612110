package io.hakmem.spi;

/**
 * Keeps freed large (mapped) blocks for reuse, per site (BigCache). A block it holds stays mapped, so
 * reusing it costs no page faults. It evicts blocks downstream: to the {@link Reclaimer} when one is
 * bound, else it unmaps them.
 */
public interface LargeBlockCache extends AllocatorPart {

    /**
     * Where evicted blocks go (the rest of the large-block chain). The core calls this once, at create,
     * before any other method.
     */
    void connect(LargeBlockSink downstream);

    /** How many bytes to map for a request of {@code bytes}, so the block fits its class on reuse. */
    long capacityFor(long bytes);

    /** A cached block of exactly {@code capacity} bytes for {@code site}, or 0 on a miss. */
    long take(int site, long capacity);

    /** Keeps a freed block; false when it will not, and the caller releases the block downstream. */
    boolean offer(int site, long address, long capacity);
}
