package io.hakmem.modes.core;

import io.hakmem.spi.OsMemory;

/** Blocks from system malloc, registered so that free can validate them. */
final class MallocBlocks {
    /** glibc's malloc alignment on x86-64 and aarch64; above it, posix_memalign. */
    private static final long MALLOC_ALIGNMENT = 16;

    private final OsMemory os;
    private final BlockRegistry registry;

    MallocBlocks(OsMemory os, BlockRegistry registry) {
        this.os = os;
        this.registry = registry;
    }

    /** @param flags {@link BlockInfo#ARENA} or 0 */
    long allocate(long bytes, long alignment, int site, long flags) {
        long size = Math.max(bytes, 1);
        long address = alignment <= MALLOC_ALIGNMENT ? os.malloc(size) : os.alignedAlloc(alignment, size);
        if (!registry.register(address, bytes, BlockInfo.malloced(site) | flags)) {
            os.free(address);
            throw BlockRegistry.closed();
        }
        return address;
    }

    void free(long address) {
        os.free(address);
    }
}
