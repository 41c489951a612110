package io.hakmem.modes.core;

import io.hakmem.spi.LargeBlockCache;

/** A {@link LargeBlockCache} in front of the rest of the chain: hits skip the OS entirely. */
final class CachedBlocks implements LargeBlocks {
    private final LargeBlockCache cache;
    private final LargeBlocks next;
    private final long pageSize;

    CachedBlocks(LargeBlockCache cache, LargeBlocks next, long pageSize) {
        this.cache = cache;
        this.next = next;
        this.pageSize = pageSize;
    }

    @Override
    public long capacityFor(long bytes) {
        return cache.capacityFor(bytes);
    }

    @Override
    public long acquire(int site, long capacity, long alignment) {
        if (alignment <= pageSize) {
            long cached = cache.take(site, capacity);
            if (cached != 0) {
                return cached;
            }
        }
        return next.acquire(site, capacity, alignment);
    }

    @Override
    public void release(int site, long address, long capacity) {
        if (!cache.offer(site, address, capacity)) {
            next.release(site, address, capacity);
        }
    }
}
