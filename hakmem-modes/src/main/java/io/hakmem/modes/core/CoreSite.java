package io.hakmem.modes.core;

import io.hakmem.Site;
import io.hakmem.spi.CounterSink;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.LongAdder;

/** A call-site label: allocations carry its id down the path; it counts what was asked of it. */
final class CoreSite implements Site {
    private final CoreAllocator allocator;
    private final String name;
    private final int id;
    private final LongAdder allocations = new LongAdder();
    private final LongAdder bytes = new LongAdder();

    CoreSite(CoreAllocator allocator, String name, int id) {
        this.allocator = allocator;
        this.name = name;
        this.id = id;
    }

    @Override
    public String name() {
        return name;
    }

    int id() {
        return id;
    }

    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment) {
        MemorySegment segment = allocator.allocateAt(byteSize, byteAlignment, id);
        allocations.increment();
        bytes.add(byteSize);
        return segment;
    }

    void report(CounterSink sink) {
        sink.counter("site." + name + ".allocations", allocations.sum());
        sink.counter("site." + name + ".bytes", bytes.sum());
    }

    @Override
    public String toString() {
        return "Site[" + name + "]";
    }
}
