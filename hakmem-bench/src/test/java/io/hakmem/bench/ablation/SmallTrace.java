package io.hakmem.bench.ablation;

import io.hakmem.Hakmem;
import io.hakmem.Mode;
import io.hakmem.Site;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Records a small program into a trace: the calling thread allocates at two sites (small and large blocks, some
 * by address) and hands two thirds of its blocks to a thread called "freer", which frees them; a few stay live.
 */
final class SmallTrace {
    static final int BLOCKS = 3000;

    private SmallTrace() {
    }

    static Path record(Path file) throws InterruptedException {
        try (Hakmem hakmem = Hakmem.builder().mode(Mode.FAST).set("trace.out", file.toString())
                .set("idle-release.delay", "0").set("jmx", "false").build()) {
            Site parser = hakmem.site("parser");
            Site cache = hakmem.site("cache");
            BlockingQueue<MemorySegment> handoff = new ArrayBlockingQueue<>(64);
            Thread freer = Thread.ofPlatform().name("freer").start(() -> {
                try {
                    for (MemorySegment block = handoff.take(); block.byteSize() > 0; block = handoff.take()) {
                        hakmem.free(block);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            SplittableRandom random = new SplittableRandom(17);
            for (int i = 0; i < BLOCKS; i++) {
                if (i % 10 == 0) {
                    hakmem.freeAddress(cache.allocateAddress(64 + i, 64), 64 + i);
                } else if (i % 3 == 0) {
                    hakmem.free(cache.allocate(i % 30 == 0 ? 300_000 : 5000, 16));
                } else {
                    handoff.put(parser.allocate(1 + random.nextInt(2000), 16));
                }
            }
            handoff.put(MemorySegment.ofArray(new byte[0]));
            freer.join();
            for (int i = 0; i < 5; i++) {
                parser.allocate(100, 16); // live at the end: the replay frees them after its clock stops
            }
        }
        return file;
    }

    /**
     * Records one thread that keeps a window of {@code window} live blocks, replacing one at random {@code steps}
     * times, some by address; the window stays live at the end.
     */
    static Path recordOneThread(Path file, int window, int steps) {
        try (Hakmem hakmem = Hakmem.builder().mode(Mode.FAST).set("trace.out", file.toString())
                .set("idle-release.delay", "0").set("jmx", "false").build()) {
            SplittableRandom random = new SplittableRandom(5);
            MemorySegment[] live = new MemorySegment[window];
            long[] byAddress = new long[window];
            for (int i = 0; i < steps; i++) {
                int at = random.nextInt(window);
                if (live[at] != null) {
                    hakmem.free(live[at]);
                    live[at] = null;
                } else if (byAddress[at] != 0) {
                    hakmem.freeAddress(byAddress[at], 64);
                    byAddress[at] = 0;
                }
                if (i % 7 == 0) {
                    byAddress[at] = hakmem.allocateAddress(64, 64);
                } else {
                    live[at] = hakmem.allocate(1 + random.nextInt(3000), 16);
                }
            }
        }
        return file;
    }

    /**
     * Records larson's shape: two threads each replace a random block of their set {@code steps} times a round,
     * then swap sets, for {@code rounds} rounds, so about half of all frees are of the other thread's blocks; both
     * sets stay live at the end.
     */
    static Path recordSwapping(Path file, int window, int rounds, int steps) throws InterruptedException {
        try (Hakmem hakmem = Hakmem.builder().mode(Mode.FAST).set("trace.out", file.toString())
                .set("idle-release.delay", "0").set("jmx", "false").build()) {
            MemorySegment[][] sets = new MemorySegment[2][window];
            CyclicBarrier swap = new CyclicBarrier(2, () -> {
                MemorySegment[] first = sets[0];
                sets[0] = sets[1];
                sets[1] = first;
            });
            Thread[] threads = new Thread[2];
            AtomicReference<Throwable> failure = new AtomicReference<>();
            for (int t = 0; t < 2; t++) {
                int me = t;
                threads[t] = Thread.ofPlatform().name("swapper-" + t).uncaughtExceptionHandler((thread, e) -> {
                    failure.compareAndSet(null, e);
                    swap.reset(); // the other thread stops waiting for it
                }).start(() -> {
                    SplittableRandom random = new SplittableRandom(me);
                    for (int i = 0; i < window; i++) {
                        sets[me][i] = hakmem.allocate(16 + random.nextInt(1009), 16);
                    }
                    try {
                        swap.await();
                        for (int round = 0; round < rounds; round++) {
                            MemorySegment[] set = sets[me];
                            for (int i = 0; i < steps; i++) {
                                int victim = random.nextInt(window);
                                hakmem.free(set[victim]);
                                set[victim] = hakmem.allocate(16 + random.nextInt(1009), 16);
                            }
                            swap.await();
                        }
                    } catch (InterruptedException | BrokenBarrierException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            for (Thread thread : threads) {
                thread.join();
            }
            if (failure.get() != null) {
                throw new IllegalStateException("recording the swapping threads failed", failure.get());
            }
        }
        return file;
    }
}
