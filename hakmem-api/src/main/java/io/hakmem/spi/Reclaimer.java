package io.hakmem.spi;

/**
 * Gives freed large blocks' memory back to the OS in batches, keeping their address ranges for reuse
 * (batch madvise).
 */
public interface Reclaimer extends AllocatorPart {

    /** A block it took earlier, still mapped, of exactly {@code capacity} bytes, or 0. */
    long reuse(long capacity);

    /** Takes ownership of a freed mapped block of {@code capacity} bytes. */
    void offer(long address, long capacity);
}
