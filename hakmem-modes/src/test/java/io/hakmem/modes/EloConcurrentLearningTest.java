package io.hakmem.modes;

import io.hakmem.Hakmem;
import io.hakmem.HakmemStats;
import io.hakmem.Mode;
import io.hakmem.Site;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static io.hakmem.modes.EloConvergenceTest.counter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Four threads allocate through one learning site (sizes across the learnable range, so every strategy
 * decides some of them differently), with a cookie at both ends of every block checked on free, stress-test
 * style. The learning path is shared by the threads: nothing is lost (every sample is counted and every round
 * of 10 samples rated), no block is damaged while the strategy changes under the threads' feet, and every
 * strategy gets its round. Convergence itself is the synthetic machine's to show (hakmem-elo's
 * ConcurrentLearningTest): real timings of four threads on a shared machine prove nothing exact.
 */
class EloConcurrentLearningTest {
    private static final int THREADS = 4;
    private static final int PER_THREAD = 1500;
    private static final int STRATEGIES = 13;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void fourThreadsLearnOneSiteWithoutLosingRoundsOrBlocks() throws InterruptedException {
        try (Hakmem hakmem = Hakmem.builder().mode(Mode.MINIMAL).enable("elo").set("evo-policy", "learn").build()) {
            Site site = hakmem.site("shared");
            AtomicLong corruptions = new AtomicLong();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                long seed = 31L * t + 7;
                threads.add(Thread.ofPlatform().name("elo-" + t).start(() -> {
                    try {
                        work(hakmem, site, new SplittableRandom(seed), corruptions);
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertNull(failure.get(), () -> "a thread failed: " + failure.get());
            assertEquals(0, corruptions.get(), "cookies damaged");
            HakmemStats stats = hakmem.stats();
            assertEquals(stats.allocations(), stats.frees(), stats.toString());

            long samples = counter(stats, "elo.site.shared.samples");
            double expected = THREADS * PER_THREAD / 5.0;
            assertEquals(expected, samples, 6 * Math.sqrt(expected), "1 in 5 learnable requests sampled\n" + stats);
            long rated = counter(stats, "elo.rounds") + counter(stats, "elo.merged-rounds");
            assertTrue(rated <= samples / 10 && rated >= samples / 10 - 1,
                    "every round of 10 samples rated, none early: " + rated + " for " + samples + " samples\n" + stats);
            assertTrue(counter(stats, "elo.rounds") >= STRATEGIES, "the tournament: every strategy had a round");
        }
    }

    /** Allocates a few blocks, stamps them, checks and frees them in another order. */
    private static void work(Hakmem hakmem, Site site, SplittableRandom random, AtomicLong corruptions) {
        List<MemorySegment> live = new ArrayList<>();
        for (int i = 0; i < PER_THREAD; i++) {
            // 256 KiB .. 8 MiB: inside the learnable range, on both sides of most thresholds.
            MemorySegment block = site.allocate((256L << 10) + random.nextLong(8L << 20), 16);
            stamp(block);
            live.add(block);
            if (live.size() > 4) {
                MemorySegment old = live.remove(random.nextInt(live.size()));
                check(old, corruptions);
                hakmem.free(old);
            }
        }
        for (MemorySegment block : live) {
            check(block, corruptions);
            hakmem.free(block);
        }
    }

    private static long cookie(MemorySegment block) {
        return block.address() * 0x9E3779B97F4A7C15L ^ block.byteSize();
    }

    private static void stamp(MemorySegment block) {
        long cookie = cookie(block);
        block.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, cookie);
        block.set(ValueLayout.JAVA_LONG_UNALIGNED, block.byteSize() - 8, ~cookie);
    }

    private static void check(MemorySegment block, AtomicLong corruptions) {
        long cookie = cookie(block);
        if (block.get(ValueLayout.JAVA_LONG_UNALIGNED, 0) != cookie
                || block.get(ValueLayout.JAVA_LONG_UNALIGNED, block.byteSize() - 8) != ~cookie) {
            corruptions.incrementAndGet();
        }
    }
}
