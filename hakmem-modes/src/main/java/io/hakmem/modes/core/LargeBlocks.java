package io.hakmem.modes.core;

/**
 * Where mapped large blocks come from and go to. The core builds a chain of these once, at create, from
 * the seams that are bound: {@link CachedBlocks} (BigCache) over {@link ReclaimedBlocks} (batch) or
 * {@link MappedBlocks} (plain mmap/munmap).
 */
interface LargeBlocks {

    /** How many bytes a request of {@code bytes} maps; a multiple of the page size. */
    long capacityFor(long bytes);

    /** A mapped block of {@code capacity} bytes aligned to {@code alignment}. */
    long acquire(int site, long capacity, long alignment);

    /** Takes back a freed mapped block. */
    void release(int site, long address, long capacity);
}
