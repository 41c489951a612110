package io.hakmem.modes.core;

import io.hakmem.spi.SmallTier;

/**
 * Stands in for a pool (the small or the mid tier) the preset has not: it serves nothing and owns nothing, so the
 * JIT folds the allocator's "pools first" away instead of testing for the feature on every call.
 */
final class NoSmallTier implements SmallTier {
    static final NoSmallTier INSTANCE = new NoSmallTier();

    private NoSmallTier() {
    }

    @Override
    public long allocate(long bytes, long alignment, boolean byAddress) {
        return 0;
    }

    @Override
    public boolean owns(long address) {
        return false;
    }

    @Override
    public void free(long address, long bytes, boolean byAddress) {
        throw new IllegalStateException("No such pool: 0x" + Long.toHexString(address) + " is not one of its blocks");
    }

    @Override
    public long allocations() {
        return 0;
    }

    @Override
    public long frees() {
        return 0;
    }

    @Override
    public long liveBytes() {
        return 0;
    }
}
