package io.hakmem.elo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static io.hakmem.elo.SyntheticMachine.counter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several threads through one learning site, sampling as in production (each from its own random numbers):
 * no sample is lost, no round ends early (the audit's shared countdown lost decrements and ended rounds after
 * a fraction of their requests), every round is rated, and the site still converges. Each
 * synthetic request also takes a microsecond of real time, as a large block does at least, so that a round
 * (50 requests) is long next to the step that ends it.
 */
class ConcurrentLearningTest {
    private static final int THREADS = 4;
    private static final int PER_THREAD = 25_000;
    private static final long THREE_MIB = 3L << 20;
    private static final int STRIDE = 500;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void fourThreadsLoseNoRoundsAndConverge() throws Exception {
        SyntheticMachine machine = new SyntheticMachine((bytes, threshold) -> {
            spin(1_000);
            return bytes >= threshold ? 10_000 : 100_000;
        }).threadLocalSampling();
        LearningSelector selector = machine.selector("hakmem.evo-policy = learn");
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Thread> threads = new ArrayList<>();
        AtomicLong mappedAtTheEnd = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int t = 0; t < THREADS; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    for (int i = 0; i < PER_THREAD; i++) {
                        if (i % STRIDE == 0) {
                            // In step: rounds are measured on one clock for all threads, so a thread the scheduler
                            // leaves out for long would make its rounds look as dear as everybody's work together.
                            start.await();
                        }
                        long threshold = machine.allocate(selector, 0, THREE_MIB);
                        if (i >= PER_THREAD - 1000 && threshold <= THREE_MIB) {
                            mappedAtTheEnd.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertNull(failure.get(), () -> "a thread failed: " + failure.get());
        long requests = (long) THREADS * PER_THREAD;
        long samples = counter(selector, "elo.samples");
        double expected = requests / 5.0;
        assertEquals(expected, samples, 6 * Math.sqrt(expected), "1 in 5 sampled, none lost");
        long threshold = counter(selector, "elo.site.default.threshold"); // rates what is in, first
        long rounds = counter(selector, "elo.rounds");
        long merged = counter(selector, "elo.merged-rounds");
        long full = samples / 10;
        assertTrue(rounds + merged <= full, "no round ended before its 10 samples (50 requests): " + rounds
                + " rounds, " + merged + " merged, " + samples + " samples");
        assertTrue(rounds + merged >= full - 1, "every round rated, alone or (when its rater was descheduled) with"
                + " the next: " + rounds + " rounds, " + merged + " merged, " + samples + " samples");
        assertTrue(threshold <= THREE_MIB, "converged: 3 MiB blocks mapped");
        assertTrue(mappedAtTheEnd.get() >= 3000, "exploits what it learned: " + mappedAtTheEnd + " of the last 4000");
    }

    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
