package io.hakmem.modes;

import io.hakmem.ffm.LinuxOsMemory;
import io.hakmem.spi.Advice;
import io.hakmem.spi.CounterSink;
import io.hakmem.spi.OsMemory;
import io.hakmem.spi.PageFaults;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real OS layer, whose page faults are a model instead of the process's: every page of a fresh mapping faults
 * once (the tests that use it touch every page), malloc'd memory faults nothing (glibc's heap, already in). What
 * the allocator's choices cost, without the faults of the JVM and of whatever else runs on the machine.
 */
final class PageCountingOs implements OsMemory {
    private final OsMemory os = LinuxOsMemory.create();
    private final AtomicLong faults = new AtomicLong();

    @Override
    public PageFaults pageFaults() {
        return new PageFaults(faults.get(), 0);
    }

    @Override
    public long map(long bytes) {
        long address = os.map(bytes);
        faults.addAndGet(bytes / os.pageSize());
        return address;
    }

    @Override
    public long mapAligned(long bytes, long alignment) {
        long address = os.mapAligned(bytes, alignment);
        faults.addAndGet(bytes / os.pageSize());
        return address;
    }

    @Override
    public long pageSize() {
        return os.pageSize();
    }

    @Override
    public long reserve(long bytes, long alignment) {
        return os.reserve(bytes, alignment);
    }

    @Override
    public void commit(long address, long bytes) {
        os.commit(address, bytes);
    }

    @Override
    public void unreserve(long address, long bytes, long committedBytes) {
        os.unreserve(address, bytes, committedBytes);
    }

    @Override
    public void unmap(long address, long bytes) {
        os.unmap(address, bytes);
    }

    @Override
    public boolean advise(long address, long bytes, Advice advice) {
        return os.advise(address, bytes, advice);
    }

    @Override
    public long malloc(long bytes) {
        return os.malloc(bytes);
    }

    @Override
    public long alignedAlloc(long alignment, long bytes) {
        return os.alignedAlloc(alignment, bytes);
    }

    @Override
    public void free(long address, long bytes) {
        os.free(address, bytes);
    }

    @Override
    public long residentBytes() {
        return os.residentBytes();
    }

    @Override
    public MemorySegment addressSpace(Arena scope) {
        return os.addressSpace(scope);
    }

    @Override
    public void report(CounterSink sink) {
        os.report(sink);
    }
}
