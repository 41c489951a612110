package io.hakmem.micrometer;

import io.hakmem.Hakmem;
import io.hakmem.HakmemStats;
import io.hakmem.Mode;
import io.hakmem.Site;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicInteger;

/** A real allocator that counts how often its counters are read. */
final class CountingHakmem implements Hakmem {
    private final Hakmem hakmem;
    final AtomicInteger statsCalls = new AtomicInteger();

    CountingHakmem(Hakmem hakmem) {
        this.hakmem = hakmem;
    }

    @Override
    public HakmemStats stats() {
        statsCalls.incrementAndGet();
        return hakmem.stats();
    }

    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment) {
        return hakmem.allocate(byteSize, byteAlignment);
    }

    @Override
    public void free(MemorySegment segment) {
        hakmem.free(segment);
    }

    @Override
    public long allocateAddress(long byteSize, long byteAlignment) {
        return hakmem.allocateAddress(byteSize, byteAlignment);
    }

    @Override
    public void freeAddress(long address, long byteSize) {
        hakmem.freeAddress(address, byteSize);
    }

    @Override
    public Site site(String name) {
        return hakmem.site(name);
    }

    @Override
    public Arena newArena() {
        return hakmem.newArena();
    }

    @Override
    public Mode mode() {
        return hakmem.mode();
    }

    @Override
    public void trim() {
        hakmem.trim();
    }

    @Override
    public void close() {
        hakmem.close();
    }
}
