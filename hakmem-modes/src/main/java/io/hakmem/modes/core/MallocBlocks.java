package io.hakmem.modes.core;

import io.hakmem.spi.OsMemory;

/** Blocks from system malloc, registered so that free can validate them. */
final class MallocBlocks {
    /**
     * glibc's malloc alignment on x86-64 and aarch64; above it, posix_memalign. Every request asks for at least this
     * many bytes, so that any malloc (jemalloc or mimalloc preloaded too) returns a 16-byte aligned block, as the
     * registry needs; glibc's smallest chunk holds 24 bytes, so this costs it nothing.
     */
    private static final long MALLOC_ALIGNMENT = 16;

    private final OsMemory os;
    private final BlockRegistry registry;

    MallocBlocks(OsMemory os, BlockRegistry registry) {
        this.os = os;
        this.registry = registry;
    }

    /** What is asked of malloc for a request of {@code bytes}. */
    static long mallocSize(long bytes) {
        return Math.max(bytes, MALLOC_ALIGNMENT);
    }

    /** @param kind {@link BlockInfo#SEGMENT}, {@link BlockInfo#ARENA} or {@link BlockInfo#BY_ADDRESS} */
    long allocate(long bytes, long alignment, int site, long kind) {
        long size = mallocSize(bytes);
        long address = alignment <= MALLOC_ALIGNMENT ? os.malloc(size) : os.alignedAlloc(alignment, size);
        if (registry.register(address, bytes, BlockInfo.malloced(site, kind)) == BlockRegistry.REFUSED) {
            os.free(address, size);
            throw BlockRegistry.closed();
        }
        return address;
    }

    /** Frees a block of this path that was asked for {@code bytes}. */
    void free(long address, long bytes) {
        os.free(address, mallocSize(bytes));
    }
}
