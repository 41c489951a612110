package io.hakmem.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.SplittableRandom;

/**
 * Scenario mid-churn: a window of {@code live} blocks of random sizes from 1 KiB to 256 KiB (log-uniform: as many
 * 1..2 KiB blocks as 128..256 KiB ones); each operation frees a random one, allocates a replacement and writes one
 * byte into every 4 KiB page of it. The sizes network and file buffers, Arrow vectors and serialisation scratch
 * have. Sizes and victims are drawn before the measurement (a ring of 64 Ki), so no peer pays for the dice.
 */
@State(Scope.Thread) // modes, iterations and forks: AllocatorBenchmark
public class MidChurnBenchmark extends AllocatorBenchmark {
    static final long MIN_SIZE = 1 << 10;
    static final long MAX_SIZE = 256 << 10;
    private static final int DRAWS = 1 << 16;

    @Param({"64"})
    public int live;

    private BlockSlots slots;
    private long[] sizes;
    private final long[] drawnSizes = new long[DRAWS];
    private final int[] drawnVictims = new int[DRAWS];
    private int next;

    @Setup(Level.Trial)
    public void fill() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < DRAWS; i++) {
            drawnSizes[i] = (long) Math.exp(Math.log(MIN_SIZE)
                    + random.nextDouble() * (Math.log(MAX_SIZE) - Math.log(MIN_SIZE)));
            drawnVictims[i] = random.nextInt(live);
        }
        slots = peer.slots(live);
        sizes = new long[live];
        for (int i = 0; i < live; i++) {
            sizes[i] = drawnSizes[i];
            slots.allocate(i, sizes[i]);
            slots.touch(i, sizes[i], PAGE_SIZE);
        }
    }

    @Override
    protected void freeBlocksStillHeld() {
        for (int i = 0; i < live; i++) {
            slots.free(i);
        }
    }

    @Benchmark
    public long replaceTouched() {
        int draw = next++ & (DRAWS - 1);
        int victim = drawnVictims[draw];
        long size = drawnSizes[draw];
        slots.free(victim);
        slots.allocate(victim, size);
        slots.touch(victim, size, PAGE_SIZE);
        sizes[victim] = size;
        operations++;
        return size;
    }
}
