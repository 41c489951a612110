package io.hakmem.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Scope;


/**
 * Scenario tiny-hot: one small block, allocated, written once ({@code long} at offset 0) and freed, over
 * and over by one thread, at each size class from 16 B to 1 KiB. What a free list or a thread cache is for:
 * hakmem FAST serves it from TinyPool; MINIMAL has no pool and goes to malloc, so it measures what hakmem
 * adds on top of malloc (validation registry, counters).
 */
@State(Scope.Thread) // modes, iterations and forks: AllocatorBenchmark
public class TinyHotBenchmark extends AllocatorBenchmark {

    @Param({"16", "64", "256", "1024"})
    public long size;

    @Benchmark
    public long allocateWriteFree() {
        return peer.allocateWriteFree(size);
    }
}
