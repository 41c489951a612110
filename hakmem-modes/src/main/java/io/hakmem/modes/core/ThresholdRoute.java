package io.hakmem.modes.core;

import io.hakmem.spi.ThresholdSelector;

/**
 * The site's threshold is read before the allocation it governs (a strategy chosen afterwards would be ignored):
 * at or above it the block is mapped, through the large-block chain; below it, malloc'd.
 */
final class ThresholdRoute implements Route {
    private final ThresholdSelector selector;
    private final LargeBlocks large;
    private final MallocBlocks malloc;
    private final BlockRegistry registry;
    /** The end of the chain (munmap), for a block acquired while the allocator closed: cache and batch are gone. */
    private final LargeBlocks unmapAfterClose;

    ThresholdRoute(ThresholdSelector selector, LargeBlocks large, MallocBlocks malloc, BlockRegistry registry,
                LargeBlocks unmapAfterClose) {
        this.selector = selector;
        this.large = large;
        this.malloc = malloc;
        this.registry = registry;
        this.unmapAfterClose = unmapAfterClose;
    }

    @Override
    public long allocate(long bytes, long alignment, int site, long kind) {
        if (bytes >= selector.threshold(site, bytes)) {
            return allocateMapped(bytes, alignment, site, kind);
        }
        return malloc.allocate(bytes, alignment, site, kind);
    }

    private long allocateMapped(long bytes, long alignment, int site, long kind) {
        long capacity = large.capacityFor(bytes);
        long address = large.acquire(site, capacity, alignment);
        if (registry.register(address, bytes, BlockInfo.mapped(site, capacity, kind)) == BlockRegistry.REFUSED) {
            unmapAfterClose.release(site, address, capacity);
            throw BlockRegistry.closed();
        }
        return address;
    }

    @Override
    public void free(long address, long bytes, long kind) {
        long info = registry.release(address, bytes, kind);
        if (BlockInfo.isMapped(info)) {
            large.release(BlockInfo.site(info), address, BlockInfo.capacity(info));
        } else {
            malloc.free(address, bytes);
        }
    }
}
