package io.hakmem.modes.core;

import io.hakmem.Mode;

import java.lang.foreign.MemorySegment;

/**
 * The allocator with leak detection on: every block it hands out and every free is shown to its
 * {@link LeakDetection}. A subclass rather than a hook in {@link CoreAllocator}, so that with detection off
 * (the default) the allocate and free paths carry no call to it at all.
 */
final class WatchedAllocator extends CoreAllocator {

    WatchedAllocator(Mode mode, Parts parts, Oversight oversight) {
        super(mode, parts, oversight);
    }

    @Override
    MemorySegment allocateAt(long byteSize, long byteAlignment, int site) {
        MemorySegment segment = super.allocateAt(byteSize, byteAlignment, site);
        leaks.allocated(segment, site);
        return segment;
    }

    @Override
    public void free(MemorySegment segment) {
        super.free(segment);
        leaks.freed(segment.address());
    }

    @Override
    long allocateAddressAt(long byteSize, long byteAlignment, int site) {
        long address = super.allocateAddressAt(byteSize, byteAlignment, site);
        leaks.allocatedAddress(address, byteSize, site);
        return address;
    }

    @Override
    public void freeAddress(long address, long byteSize) {
        super.freeAddress(address, byteSize);
        leaks.freed(address);
    }
}
