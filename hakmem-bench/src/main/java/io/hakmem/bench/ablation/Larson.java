package io.hakmem.bench.ablation;

import java.util.SplittableRandom;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;

/**
 * larson (after mimalloc-bench's): two threads, each with a set of long-lived blocks of 16..1024 bytes; each
 * step frees a random block and allocates a replacement. After every round the threads swap their sets, so
 * half of all frees are of blocks the other thread allocated. Throughput of both threads together.
 */
final class Larson implements Scenario {
    private static final int THREADS = 2;
    private static final int ROUND = 2_000;

    @Override
    public String name() {
        return "larson";
    }

    @Override
    public boolean multiThreaded() {
        return true;
    }

    @Override
    public boolean crossThread() {
        return true;
    }

    @Override
    public boolean reportsThroughput() {
        return true;
    }

    @Override
    public Measurement run(Subject subject, Budget budget) {
        int slots = Math.max(1_000, budget.liveSet() / 10);
        Object[][] sets = new Object[THREADS][];
        Samples[] samples = new Samples[THREADS];
        long[] operations = new long[THREADS];
        long warmupEnd = System.nanoTime() + budget.warmupNanos();
        long[] phase = new long[4]; // measuring (0/1), measureEnd, measureStart, measuredEnd
        long[][] faults = new long[2][];
        boolean[] stop = new boolean[1];
        CyclicBarrier barrier = new CyclicBarrier(THREADS, () -> {
            Object[] first = sets[0];
            sets[0] = sets[1];
            sets[1] = first; // the swap: each thread now frees the other's blocks
            long now = System.nanoTime();
            if (phase[0] == 0 && now >= warmupEnd) {
                phase[0] = 1;
                phase[1] = now + budget.measureNanos();
                phase[2] = now;
                faults[0] = ProcessStats.faults();
            } else if (phase[0] == 1 && now >= phase[1]) {
                phase[3] = now;
                faults[1] = ProcessStats.faults();
                stop[0] = true;
            }
        });
        Thread[] threads = new Thread[THREADS];
        Throwable[] failure = new Throwable[1];
        for (int t = 0; t < THREADS; t++) {
            int index = t;
            samples[t] = new Samples();
            SplittableRandom random = new SplittableRandom(7 + t);
            sets[t] = new Object[slots];
            for (int i = 0; i < slots; i++) {
                sets[t][i] = subject.allocate(16 + random.nextInt(1009));
            }
            threads[t] = new Thread(() -> {
                try {
                    while (true) {
                        boolean measuring = phase[0] == 1;
                        Object[] set = sets[index];
                        long start = System.nanoTime();
                        for (int i = 0; i < ROUND; i++) {
                            int victim = random.nextInt(set.length);
                            subject.free(set[victim]);
                            Object block = subject.allocate(16 + random.nextInt(1009));
                            subject.write(block, 0, (byte) i);
                            set[victim] = block;
                        }
                        if (measuring) {
                            samples[index].add((double) (System.nanoTime() - start) / ROUND);
                            operations[index] += ROUND;
                        }
                        barrier.await();
                        if (stop[0]) {
                            return;
                        }
                    }
                } catch (InterruptedException | BrokenBarrierException | RuntimeException | Error e) {
                    failure[0] = e;
                    barrier.reset();
                }
            }, "larson-" + t);
            threads[t].start();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (failure[0] != null) {
            throw new IllegalStateException("larson failed: " + failure[0], failure[0]);
        }
        for (Object[] set : sets) {
            for (Object block : set) {
                subject.free(block);
            }
        }
        Samples all = new Samples();
        for (Samples each : samples) {
            all.addAll(each);
        }
        return new Measurement(all, operations[0] + operations[1], phase[3] - phase[2], faults[0], faults[1]);
    }
}
