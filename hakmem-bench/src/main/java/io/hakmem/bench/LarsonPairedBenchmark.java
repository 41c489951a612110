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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Scenario larson, two allocators in one process taking turns: {@code allocator} and {@code peer} each hold their
 * own 10,000 blocks, and both threads run larson's step on one of them for a slice of the clock ({@code sliceMillis}),
 * then on the other. Both threads read the same clock, so they switch together and half the frees stay remote. On a
 * machine whose speed changes for seconds at a time (a 2-vCPU guest here runs every allocator's larson at either 3-5
 * or 10-17 ops/us), both allocators see the same states in the same proportion, which {@link LarsonBenchmark}, one
 * allocator per fork, cannot promise. Taking turns has effects of its own: here, the shorter the turns, the
 * further FAST came out ahead of glibc (docs/benchmarks.md), so the turn length belongs with every ratio quoted.
 * The JMH score mixes the two; the trial's {@code paired} line gives each allocator's own throughput (steps per
 * microsecond of its turns, both threads together, as larson's score) and their ratio, per measurement iteration
 * and over the trial.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@Threads(2)
public class LarsonPairedBenchmark {
    /** Steps between two reads of the clock. */
    private static final int CHECK_EVERY = 64;

    /** The two allocators, their blocks, and what their turns measured. */
    @State(Scope.Benchmark)
    public static class Pair {
        @Param({"hakmem-fast"})
        public String allocator;
        @Param({"glibc"})
        public String peer;
        /** How long each turn lasts. */
        @Param({"20"})
        public long sliceMillis;

        Side first;
        Side second;
        /** Per measurement iteration: steps and nanoseconds of each side, summed over the threads. */
        private final List<long[]> iterations = new ArrayList<>();
        /** Calls of {@link #record} so far: one per thread per measurement iteration. */
        private int records;

        @Setup(Level.Trial)
        public void open() {
            first = Side.open(allocator, 42);
            second = Side.open(peer, 43);
        }

        synchronized void record(int iteration, long[] steps, long[] nanos) {
            while (iterations.size() <= iteration) {
                iterations.add(new long[4]);
            }
            long[] totals = iterations.get(iteration);
            totals[0] += steps[0];
            totals[1] += nanos[0];
            totals[2] += steps[1];
            totals[3] += nanos[1];
            records++;
            notifyAll();
        }

        /**
         * JMH runs this once, on whichever thread gets here first, and another thread may not have recorded its last
         * iteration yet: so it waits for every thread's record of every measurement iteration (a minute at most).
         */
        @TearDown(Level.Trial)
        public void close(BenchmarkParams params) throws InterruptedException {
            int expected = params.getThreads() * params.getMeasurement().getCount();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            synchronized (this) {
                for (long left = deadline - System.nanoTime(); records < expected && left > 0;
                     left = deadline - System.nanoTime()) {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
                report(expected, params.getThreads());
            }
            first.close(params);
            second.close(params);
        }

        private void report(int expected, int threads) {
            StringBuilder ratios = new StringBuilder();
            long[] trial = new long[4];
            for (long[] totals : iterations) {
                ratios.append(String.format(Locale.ROOT, " %.3f", throughput(totals[0], totals[1], threads)
                        / throughput(totals[2], totals[3], threads)));
                for (int i = 0; i < trial.length; i++) {
                    trial[i] += totals[i];
                }
            }
            double firstRate = throughput(trial[0], trial[1], threads);
            double secondRate = throughput(trial[2], trial[3], threads);
            System.out.println();
            System.out.printf(Locale.ROOT, "paired allocator=%s %.2f ops/us, peer=%s %.2f ops/us, ratio %.3f;"
                    + " per iteration:%s%s%n", allocator, firstRate, peer, secondRate, firstRate / secondRate, ratios,
                    records < expected ? " (INCOMPLETE: " + records + " of " + expected + " records)" : "");
        }

        /** Steps per microsecond of a side's turns, every thread together. */
        private static double throughput(long steps, long nanos, int threads) {
            return steps * 1000.0 / (nanos / (double) threads);
        }
    }

    /** One allocator's blocks. */
    static final class Side {
        final String name;
        final BenchAllocator allocator;
        final BlockSlots slots;
        /** The slots a step holds, as in {@link LarsonBenchmark}. */
        final AtomicIntegerArray busy = new AtomicIntegerArray(LarsonBenchmark.BLOCKS);
        private final long minorFaultsAtStart;

        private Side(String name, BenchAllocator allocator, long minorFaultsAtStart) {
            this.name = name;
            this.allocator = allocator;
            this.slots = allocator.slots(LarsonBenchmark.BLOCKS);
            this.minorFaultsAtStart = minorFaultsAtStart;
        }

        static Side open(String name, long seed) {
            long faults = ProcessFaults.minor();
            Side side = new Side(name, Peers.open(name), faults);
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = 0; i < LarsonBenchmark.BLOCKS; i++) {
                side.slots.allocate(i, LarsonBenchmark.MIN_SIZE + random.nextInt(LarsonBenchmark.SIZES));
            }
            return side;
        }

        void close(BenchmarkParams params) {
            for (int i = 0; i < LarsonBenchmark.BLOCKS; i++) {
                slots.free(i);
            }
            AllocatorBenchmark.closeAndReport(allocator, name, minorFaultsAtStart, params);
        }
    }

    /** A thread's random sequence, whose turn it is, and how long each side's turns took. */
    @State(Scope.Thread)
    public static class Turn {
        final SplittableRandom random = new SplittableRandom(Thread.currentThread().threadId());
        int side;
        int untilCheck;
        private long last;
        private final long[] steps = new long[2];
        private final long[] nanos = new long[2];
        private int measured;

        private long sliceNanos;

        @Setup(Level.Iteration)
        public void start(Pair pair) {
            sliceNanos = pair.sliceMillis * 1_000_000;
            steps[0] = steps[1] = nanos[0] = nanos[1] = 0;
            last = System.nanoTime();
            side = sideAt(last);
            untilCheck = CHECK_EVERY;
        }

        /** Every {@link #CHECK_EVERY} steps: the time goes to the side that ran them, and the turn may change. */
        void check() {
            long now = System.nanoTime();
            steps[side] += CHECK_EVERY;
            nanos[side] += now - last;
            last = now;
            side = sideAt(now);
            untilCheck = CHECK_EVERY;
        }

        private int sideAt(long nanoTime) {
            return (int) ((nanoTime / sliceNanos) & 1);
        }

        @TearDown(Level.Iteration)
        public void end(Pair pair, IterationParams iteration) {
            steps[side] += CHECK_EVERY - untilCheck;
            nanos[side] += System.nanoTime() - last;
            if (iteration.getType() == IterationType.MEASUREMENT) {
                pair.record(measured++, steps, nanos);
            }
        }
    }

    @Benchmark
    public void replaceRandomBlock(Pair pair, Turn turn) {
        if (--turn.untilCheck == 0) {
            turn.check();
        }
        if (turn.side == 0) {
            stepOfFirst(pair.first, turn.random);
        } else {
            stepOfSecond(pair.second, turn.random);
        }
    }

    // The same step twice, so that each allocator's calls have a call site (and a type profile) of their own.

    private static void stepOfFirst(Side side, SplittableRandom random) {
        int slot = random.nextInt(LarsonBenchmark.BLOCKS);
        while (!side.busy.compareAndSet(slot, 0, 1)) {
            slot = random.nextInt(LarsonBenchmark.BLOCKS);
        }
        side.slots.free(slot);
        side.slots.allocate(slot, LarsonBenchmark.MIN_SIZE + random.nextInt(LarsonBenchmark.SIZES));
        side.busy.setRelease(slot, 0);
    }

    private static void stepOfSecond(Side side, SplittableRandom random) {
        int slot = random.nextInt(LarsonBenchmark.BLOCKS);
        while (!side.busy.compareAndSet(slot, 0, 1)) {
            slot = random.nextInt(LarsonBenchmark.BLOCKS);
        }
        side.slots.free(slot);
        side.slots.allocate(slot, LarsonBenchmark.MIN_SIZE + random.nextInt(LarsonBenchmark.SIZES));
        side.busy.setRelease(slot, 0);
    }
}
