package io.hakmem.modes.core;

import io.hakmem.spi.Reclaimer;

/**
 * A {@link Reclaimer} at the end of the chain: freed blocks go to its batch instead of munmap, and a new
 * block is first sought among the ranges it released but kept mapped.
 */
final class ReclaimedBlocks implements LargeBlocks {
    private final Reclaimer reclaimer;
    private final MappedBlocks mapped;
    private final long pageSize;

    ReclaimedBlocks(Reclaimer reclaimer, MappedBlocks mapped, long pageSize) {
        this.reclaimer = reclaimer;
        this.mapped = mapped;
        this.pageSize = pageSize;
    }

    @Override
    public long capacityFor(long bytes) {
        return mapped.capacityFor(bytes);
    }

    @Override
    public long acquire(int site, long capacity, long alignment) {
        if (alignment <= pageSize) {
            long kept = reclaimer.reuse(capacity);
            if (kept != 0) {
                return kept;
            }
        }
        return mapped.acquire(site, capacity, alignment);
    }

    @Override
    public void release(int site, long address, long capacity) {
        reclaimer.offer(address, capacity);
    }
}
