package io.hakmem.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Scenario tree: what a parser does with a document, again and again. One operation builds a tree of 120,000
 * blocks (writing one {@code long} into each) and frees it in reverse order; the blocks are parse-shaped: 80 %
 * nodes of 16..64 B, 15 % strings of 16..256 B, 5 % buffers of 256 B..4 KiB (log-uniform within each), about
 * 12 MiB a tree. More than an 8 MiB small-block pool keeps resident by default, so this is where a pool that
 * gives its pages back too eagerly faults them in again on every tree. Score: milliseconds per tree; the
 * {@code measured} line gives minor faults per tree.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TreeBenchmark extends AllocatorBenchmark {
    static final int BLOCKS = 120_000;

    private final long[] sizes = new long[BLOCKS];
    private BlockSlots slots;

    @Setup(Level.Trial)
    public void shape() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < BLOCKS; i++) {
            int kind = random.nextInt(100);
            sizes[i] = kind < 80 ? logUniform(random, 16, 64)
                    : kind < 95 ? logUniform(random, 16, 256)
                    : logUniform(random, 256, 4096);
        }
        slots = peer.slots(BLOCKS);
    }

    private static long logUniform(SplittableRandom random, long min, long max) {
        return (long) Math.exp(Math.log(min) + random.nextDouble() * (Math.log(max) - Math.log(min)));
    }

    @Benchmark
    public long buildAndFree() {
        long bytes = 0;
        for (int i = 0; i < BLOCKS; i++) {
            slots.allocate(i, sizes[i]);
            bytes += sizes[i];
        }
        for (int i = BLOCKS - 1; i >= 0; i--) {
            slots.free(i);
        }
        operations++;
        return bytes;
    }
}
