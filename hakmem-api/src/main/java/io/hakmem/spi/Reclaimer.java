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

    /**
     * Releases the pages of a range its owner keeps (TinyPool's empty slabs) with the next batch, then calls
     * {@code done} from the thread that flushed. The owner does not touch the range in between, so no live
     * data is ever advised away.
     */
    void discard(long address, long bytes, Released done);

    /** Called when a {@linkplain #discard discarded} range's pages are gone and it may be used again. */
    @FunctionalInterface
    interface Released {
        void released(long address, long bytes);
    }
}
