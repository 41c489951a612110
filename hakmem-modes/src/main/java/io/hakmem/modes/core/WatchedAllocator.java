package io.hakmem.modes.core;

import io.hakmem.Mode;
import io.hakmem.spi.OsException;

import java.lang.foreign.MemorySegment;

/**
 * The allocator with a {@link BlockObserver} (leak detection, the trace recorder, or both): every block it hands
 * out and every free is shown to it. A subclass rather than hooks in {@link CoreAllocator}, so that with nothing
 * watching (the default) the allocate and free paths carry no call at all. A free is announced before it happens
 * (after it, another thread may already have the address again) and confirmed or taken back after; a free that
 * throws {@link OsException} is confirmed, since the block was freed before the OS call it set off failed.
 */
final class WatchedAllocator extends CoreAllocator {

    WatchedAllocator(Mode mode, Parts parts, Oversight oversight, BlockObserver trace) {
        super(mode, parts, oversight, trace);
    }

    @Override
    MemorySegment allocateAt(long byteSize, long byteAlignment, int site) {
        MemorySegment segment = super.allocateAt(byteSize, byteAlignment, site);
        observer.allocated(segment, byteAlignment, site);
        return segment;
    }

    @Override
    public void free(MemorySegment segment) {
        long address = segment.address();
        long token = observer.freeing(address);
        try {
            super.free(segment);
        } catch (OsException freedNonetheless) { // the free happened; an OS call it set off failed
            observer.freed(address, token);
            throw freedNonetheless;
        } catch (RuntimeException | Error e) {
            observer.notFreed(address, token);
            throw e;
        }
        observer.freed(address, token);
    }

    @Override
    long allocateAddressAt(long byteSize, long byteAlignment, int site) {
        long address = super.allocateAddressAt(byteSize, byteAlignment, site);
        observer.allocatedAddress(address, byteSize, byteAlignment, site);
        return address;
    }

    @Override
    public void freeAddress(long address, long byteSize) {
        long token = observer.freeing(address);
        try {
            super.freeAddress(address, byteSize);
        } catch (OsException freedNonetheless) { // the free happened; an OS call it set off failed
            observer.freed(address, token);
            throw freedNonetheless;
        } catch (RuntimeException | Error e) {
            observer.notFreed(address, token);
            throw e;
        }
        observer.freed(address, token);
    }
}
