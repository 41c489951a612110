package io.hakmem.modes.core;

import io.hakmem.modes.trace.TraceRecorder;
import io.hakmem.spi.CounterSink;

import java.lang.foreign.MemorySegment;

/** Shows the allocator's blocks to its trace recorder ({@code hakmem.trace.out}). */
final class TraceObserver implements BlockObserver {
    private final TraceRecorder recorder;

    TraceObserver(TraceRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public void allocated(MemorySegment segment, long alignment, int site) {
        recorder.allocated(segment.address(), segment.byteSize(), alignment, site, false);
    }

    @Override
    public void allocatedAddress(long address, long bytes, long alignment, int site) {
        recorder.allocated(address, bytes, alignment, site, true);
    }

    @Override
    public long freeing(long address) {
        return recorder.freeing(address);
    }

    @Override
    public void freed(long address, long id) {
        recorder.freed(id);
    }

    @Override
    public void notFreed(long address, long id) {
        recorder.notFreed(address, id);
    }

    @Override
    public void siteNamed(int id, String name) {
        recorder.siteNamed(id, name);
    }

    @Override
    public void report(CounterSink sink) {
        recorder.report(sink);
    }

    @Override
    public void close() {
        recorder.close();
    }
}
