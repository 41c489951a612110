package io.hakmem.modes.core;

import io.hakmem.HakmemStats;
import io.hakmem.spi.Advice;
import io.hakmem.spi.CounterSink;
import io.hakmem.spi.OsMemory;
import io.hakmem.spi.PageFaults;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The platform OS layer under {@code hakmem.max-bytes}: every byte hakmem holds from the OS - mapped blocks (cached
 * and retained ones too), malloc'd blocks, and the slabs the pools have in use ({@link OsMemory#claim}) - is
 * counted, and a call that would pass the limit is refused before it reaches the OS. A CAS on one counter, so the
 * held bytes are never above the limit, whatever the threads do. Composed only when a limit is set.
 */
public final class LimitedOsMemory implements OsMemory {
    private final OsMemory os;
    private final long limit;
    private final AtomicLong held = new AtomicLong();
    private final LongAdder refusals = new LongAdder();

    public LimitedOsMemory(OsMemory os, long limit) {
        assert limit > 0 : limit;
        this.os = os;
        this.limit = limit;
    }

    private void charge(long bytes, String what) {
        long current;
        do {
            current = held.get();
            if (current + bytes > limit) {
                refusals.increment();
                throw new MemoryLimitExceeded("Cannot " + what + " " + bytes + " bytes: hakmem.max-bytes = " + limit
                        + " and " + current + " bytes are held");
            }
        } while (!held.compareAndSet(current, current + bytes));
        assert held.get() <= limit : held;
    }

    private void credit(long bytes) {
        held.addAndGet(-bytes);
    }

    long heldBytes() {
        return held.get();
    }

    @Override
    public long map(long bytes) {
        charge(bytes, "map");
        try {
            return os.map(bytes);
        } catch (RuntimeException | Error e) {
            credit(bytes);
            throw e;
        }
    }

    @Override
    public long mapAligned(long bytes, long alignment) {
        charge(bytes, "map");
        try {
            return os.mapAligned(bytes, alignment);
        } catch (RuntimeException | Error e) {
            credit(bytes);
            throw e;
        }
    }

    @Override
    public void unmap(long address, long bytes) {
        os.unmap(address, bytes); // a refused munmap leaves the range mapped: still held
        credit(bytes);
    }

    @Override
    public long malloc(long bytes) {
        charge(bytes, "malloc");
        try {
            return os.malloc(bytes);
        } catch (RuntimeException | Error e) {
            credit(bytes);
            throw e;
        }
    }

    @Override
    public long alignedAlloc(long alignment, long bytes) {
        charge(bytes, "malloc");
        try {
            return os.alignedAlloc(alignment, bytes);
        } catch (RuntimeException | Error e) {
            credit(bytes);
            throw e;
        }
    }

    @Override
    public void free(long address, long bytes) {
        os.free(address, bytes);
        credit(bytes);
    }

    @Override
    public void claim(long bytes) {
        charge(bytes, "take into use");
    }

    @Override
    public void unclaim(long bytes) {
        credit(bytes);
    }

    // Reserved address space holds nothing; the pools claim what they take into use.

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
    public long pageSize() {
        return os.pageSize();
    }

    @Override
    public boolean advise(long address, long bytes, Advice advice) {
        return os.advise(address, bytes, advice);
    }

    @Override
    public PageFaults pageFaults() {
        return os.pageFaults();
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
    public void trim(long keepBytes) {
        os.trim(keepBytes);
    }

    @Override
    public void close() {
        os.close();
    }

    @Override
    public void report(CounterSink sink) {
        os.report(sink);
        sink.counter(HakmemStats.MAX_BYTES, limit);
        sink.counter(HakmemStats.HELD_BYTES, held.get());
        sink.counter("limit.refusals", refusals.sum());
    }
}
