package io.hakmem.batch;

import io.hakmem.spi.Advice;
import io.hakmem.spi.OsMemory;
import io.hakmem.spi.PageFaults;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/** An OS layer that maps nothing and records the batch's calls: "advise 0x1000 FREE", "unmap 0x1000". */
class RecordingOs implements OsMemory {
    final List<String> calls = new ArrayList<>();
    /** Advice this kernel refuses (as Linux before 4.5 refuses MADV_FREE). */
    Advice refused;

    synchronized List<String> take() {
        List<String> taken = List.copyOf(calls);
        calls.clear();
        return taken;
    }

    @Override
    public long pageSize() {
        return 4096;
    }

    @Override
    public synchronized boolean advise(long address, long bytes, Advice advice) {
        calls.add("advise 0x" + Long.toHexString(address) + " " + advice);
        return advice != refused;
    }

    @Override
    public synchronized void unmap(long address, long bytes) {
        calls.add("unmap 0x" + Long.toHexString(address));
    }

    @Override
    public long map(long bytes) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long mapAligned(long bytes, long alignment) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long reserve(long bytes, long alignment) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void commit(long address, long bytes) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void unreserve(long address, long bytes, long committedBytes) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long malloc(long bytes) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long alignedAlloc(long alignment, long bytes) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void free(long address, long bytes) {
        throw new UnsupportedOperationException();
    }

    @Override
    public PageFaults pageFaults() {
        return new PageFaults(0, 0);
    }

    @Override
    public long residentBytes() {
        return 0;
    }

    @Override
    public MemorySegment addressSpace(Arena scope) {
        throw new UnsupportedOperationException();
    }
}
