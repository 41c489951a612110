package io.hakmem.modes.core;

import io.hakmem.spi.SmallTier;

/** A small tier in front: requests it can serve never reach the registry or the OS. */
final class SmallFirstRoute implements Route {
    private final SmallTier small;
    private final long smallMax;
    private final Route next;

    SmallFirstRoute(SmallTier small, Route next) {
        this.small = small;
        this.smallMax = small.maxBytes();
        this.next = next;
    }

    @Override
    public long allocate(long bytes, long alignment, int site) {
        if (bytes <= smallMax) {
            long address = small.allocate(bytes, alignment);
            if (address != 0) {
                return address;
            }
        }
        return next.allocate(bytes, alignment, site);
    }

    @Override
    public long allocateForArena(long bytes, long alignment) {
        return next.allocateForArena(bytes, alignment);
    }

    @Override
    public void free(long address, long bytes) {
        if (small.owns(address)) {
            small.free(address, bytes);
        } else {
            next.free(address, bytes);
        }
    }
}
