package io.hakmem.modes.core;

import io.hakmem.spi.CounterSink;

import java.lang.foreign.MemorySegment;

/** The observers of one allocator, composed at create: none, one, or both of leak detection and the recorder. */
final class BlockObservers {
    private BlockObservers() {
    }

    static BlockObserver of(LeakDetection leaks, BlockObserver trace) {
        if (leaks == LeakDetection.OFF) {
            return trace;
        }
        return trace == BlockObserver.NONE ? leaks : new Both(leaks, trace);
    }

    /** Each hook to leak detection, then to the recorder; a free's token is the recorder's (leaks need none). */
    private record Both(LeakDetection first, BlockObserver second) implements BlockObserver {
        @Override
        public void allocated(MemorySegment segment, long alignment, int site) {
            first.allocated(segment, alignment, site);
            second.allocated(segment, alignment, site);
        }

        @Override
        public void allocatedAddress(long address, long bytes, long alignment, int site) {
            first.allocatedAddress(address, bytes, alignment, site);
            second.allocatedAddress(address, bytes, alignment, site);
        }

        @Override
        public long freeing(long address) {
            first.freeing(address);
            return second.freeing(address);
        }

        @Override
        public void freed(long address, long token) {
            first.freed(address, 0);
            second.freed(address, token);
        }

        @Override
        public void notFreed(long address, long token) {
            first.notFreed(address, 0);
            second.notFreed(address, token);
        }

        @Override
        public void siteNamed(int id, String name) {
            first.siteNamed(id, name);
            second.siteNamed(id, name);
        }

        @Override
        public void report(CounterSink sink) {
            first.report(sink);
            second.report(sink);
        }

        @Override
        public void close() {
            first.close();
            second.close();
        }
    }
}
