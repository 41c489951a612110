package io.hakmem.modes.core;

/**
 * One way through the allocator below the pools, composed once at create: {@link ThresholdRoute} (malloc below
 * the site's threshold, mapped blocks at or above it) or {@link MallocRoute} (the large-mmap kill-switch is off).
 * Arguments are already validated.
 */
interface Route {

    /** @param kind how the block is handed out: {@link BlockInfo#SEGMENT}, {@link BlockInfo#ARENA}, {@link BlockInfo#BY_ADDRESS} */
    long allocate(long bytes, long alignment, int site, long kind);

    /** @throws IllegalArgumentException or IllegalStateException as {@link BlockRegistry#release} says */
    void free(long address, long bytes, long kind);
}
