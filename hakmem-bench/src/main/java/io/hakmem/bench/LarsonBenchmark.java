package io.hakmem.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Scenario larson (after mimalloc-bench's): two threads share 10,000 long-lived blocks of 16..1024 bytes;
 * each step picks a random one, frees it and allocates a replacement of a random size. About half the frees
 * are of blocks the other thread allocated. Score: steps per microsecond, both threads together. A slot is
 * taken with one CAS for the step, the same for every peer.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@Threads(2)
public class LarsonBenchmark {
    static final int BLOCKS = 10_000;
    static final int MIN_SIZE = 16;
    static final int SIZES = 1009;

    /** The peer and the blocks both threads share. */
    @State(Scope.Benchmark)
    public static class Blocks {
        @Param({"hakmem-minimal", "hakmem-fast", "hakmem-balanced", "glibc", "mimalloc", "arena", "netty"})
        public String allocator;

        BenchAllocator peer;
        BlockSlots slots;
        final AtomicIntegerArray busy = new AtomicIntegerArray(BLOCKS);
        private long minorFaultsAtStart;

        @Setup(Level.Trial)
        public void open() {
            minorFaultsAtStart = ProcessFaults.minor();
            peer = Peers.open(allocator);
            slots = peer.slots(BLOCKS);
            SplittableRandom random = new SplittableRandom(42);
            for (int i = 0; i < BLOCKS; i++) {
                slots.allocate(i, MIN_SIZE + random.nextInt(SIZES));
            }
        }

        @TearDown(Level.Trial)
        public void close(BenchmarkParams params) {
            for (int i = 0; i < BLOCKS; i++) {
                slots.free(i);
            }
            AllocatorBenchmark.closeAndReport(peer, allocator, minorFaultsAtStart, params);
        }
    }

    /** Each thread's own random sequence. */
    @State(Scope.Thread)
    public static class Dice {
        final SplittableRandom random = new SplittableRandom(Thread.currentThread().threadId());
    }

    @Benchmark
    public void replaceRandomBlock(Blocks blocks, Dice dice) {
        int slot = dice.random.nextInt(BLOCKS);
        while (!blocks.busy.compareAndSet(slot, 0, 1)) {
            slot = dice.random.nextInt(BLOCKS);
        }
        blocks.slots.free(slot);
        blocks.slots.allocate(slot, MIN_SIZE + dice.random.nextInt(SIZES));
        blocks.busy.setRelease(slot, 0); // a lock release: no full fence, which would dominate every peer's step
    }
}
