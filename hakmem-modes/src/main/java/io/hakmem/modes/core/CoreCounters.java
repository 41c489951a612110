package io.hakmem.modes.core;

import io.hakmem.HakmemStats;
import io.hakmem.spi.CounterSink;

import java.util.concurrent.atomic.LongAdder;

/** The core's own counters, for blocks of the malloc and mapped paths (the small tier counts its own). */
final class CoreCounters {
    final LongAdder allocations = new LongAdder();
    final LongAdder frees = new LongAdder();
    final LongAdder liveBytes = new LongAdder();
    final LongAdder mappedAllocations = new LongAdder();
    final LongAdder mallocAllocations = new LongAdder();

    void allocated(long bytes) {
        allocations.increment();
        liveBytes.add(bytes);
    }

    void freed(long bytes) {
        frees.increment();
        liveBytes.add(-bytes);
    }

    void report(CounterSink sink) {
        sink.counter(HakmemStats.ALLOCATIONS, allocations.sum());
        sink.counter(HakmemStats.FREES, frees.sum());
        sink.counter(HakmemStats.LIVE_BYTES, liveBytes.sum());
        sink.counter("path.mapped", mappedAllocations.sum());
        sink.counter("path.malloc", mallocAllocations.sum());
    }
}
