package io.hakmem.modes.core;

/**
 * One way through the allocator below the small tier, composed once at create:
 * {@link SystemRoute} (malloc below the site's threshold, mapped blocks at or above it) or
 * {@link MallocRoute} (the large-mmap kill-switch is off). Arguments are already validated.
 */
interface Route {

    long allocate(long bytes, long alignment, int site);

    /**
     * A block of an arena: registered as {@link BlockInfo#ARENA} and never from the small tier, so that it
     * stays valid after the allocator closes, until its arena frees it (close does not release it).
     */
    long allocateForArena(long bytes, long alignment);

    /** @throws IllegalArgumentException or IllegalStateException as {@link BlockRegistry#release} says */
    void free(long address, long bytes);
}
