package io.hakmem.modes.core;

import io.hakmem.spi.ThresholdSelector;

/**
 * The seed's path: the site's threshold is read before the allocation it governs; at or above it the
 * block is mapped (through the large-block chain), below it malloc'd.
 */
final class SystemRoute implements Route {
    private final ThresholdSelector selector;
    private final LargeBlocks large;
    private final MallocBlocks malloc;
    private final BlockRegistry registry;

    SystemRoute(ThresholdSelector selector, LargeBlocks large, MallocBlocks malloc, BlockRegistry registry) {
        this.selector = selector;
        this.large = large;
        this.malloc = malloc;
        this.registry = registry;
    }

    @Override
    public long allocate(long bytes, long alignment, int site) {
        if (bytes >= selector.threshold(site, bytes)) {
            return allocateMapped(bytes, alignment, site);
        }
        return malloc.allocate(bytes, alignment, site);
    }

    private long allocateMapped(long bytes, long alignment, int site) {
        long capacity = large.capacityFor(bytes);
        long address = large.acquire(site, capacity, alignment);
        registry.register(address, bytes, BlockInfo.mapped(site, capacity));
        return address;
    }

    @Override
    public void free(long address, long bytes) {
        long info = registry.release(address, bytes);
        if (BlockInfo.isMapped(info)) {
            large.release(BlockInfo.site(info), address, BlockInfo.capacity(info));
        } else {
            malloc.free(address);
        }
    }
}
