package io.hakmem.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.State;


/**
 * Scenario tiny-batch: allocate 1,000 small blocks (writing one {@code long} into each), then free them all,
 * by one thread. Unlike tiny-hot the blocks are many and live at once, so a pool has to hand out and take
 * back distinct blocks. Score: time per block (one allocation and one free).
 */
@State(Scope.Thread) // modes, iterations and forks: AllocatorBenchmark
public class TinyBatchBenchmark extends AllocatorBenchmark {
    static final int BATCH = 1_000;

    @Param({"64"})
    public long size;

    private BlockSlots slots;

    @Setup(Level.Trial)
    public void makeSlots() {
        slots = peer.slots(BATCH);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void allocateAllThenFreeAll() {
        BlockSlots blocks = slots;
        long bytes = size;
        for (int i = 0; i < BATCH; i++) {
            blocks.allocate(i, bytes);
        }
        for (int i = 0; i < BATCH; i++) {
            blocks.free(i);
        }
    }
}
