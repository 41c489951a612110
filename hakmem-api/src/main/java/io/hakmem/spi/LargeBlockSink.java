package io.hakmem.spi;

/** Where a {@link LargeBlockCache} sends the blocks it evicts: the batch when it is on, else munmap. */
@FunctionalInterface
public interface LargeBlockSink {

    /** Takes ownership of a freed mapped block of {@code capacity} bytes that belonged to {@code site}. */
    void release(int site, long address, long capacity);
}
