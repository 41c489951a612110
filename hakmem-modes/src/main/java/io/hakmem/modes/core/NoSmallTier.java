package io.hakmem.modes.core;

import io.hakmem.spi.SmallTier;

/**
 * Stands in for the small tier when the preset has none: it serves nothing and owns nothing, so the JIT folds
 * the allocator's "small tier first" away instead of testing for the feature on every call.
 */
final class NoSmallTier implements SmallTier {
    static final NoSmallTier INSTANCE = new NoSmallTier();

    private NoSmallTier() {
    }

    @Override
    public long allocate(long bytes, long alignment) {
        return 0;
    }

    @Override
    public boolean owns(long address) {
        return false;
    }

    @Override
    public void free(long address, long bytes) {
        throw new IllegalStateException("No small tier: 0x" + Long.toHexString(address) + " is not one of its blocks");
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
