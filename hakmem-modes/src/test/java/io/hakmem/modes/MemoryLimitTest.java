package io.hakmem.modes;

import io.hakmem.ConfigurationException;
import io.hakmem.Hakmem;
import io.hakmem.HakmemStats;
import io.hakmem.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** hakmem.max-bytes: what hakmem holds from the OS never passes it; past it, OutOfMemoryError; freed, it works again. */
class MemoryLimitTest {
    private static final long LIMIT = 64L << 20;

    private static Hakmem limited(Mode mode) {
        return Hakmem.builder().mode(mode).set("max-bytes", String.valueOf(LIMIT)).set("idle-release.delay", "0")
                .set("jmx", "false").build();
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"MINIMAL", "BALANCED"})
    void pastTheLimitAllocationFailsAndAfterFreesItWorksAgain(Mode mode) {
        try (Hakmem hakmem = limited(mode)) {
            for (long size : new long[] {100, 20_000, 3 << 20}) { // a pool's, another pool's, the mapped path's
                List<MemorySegment> live = new ArrayList<>();
                OutOfMemoryError refused = null;
                while (refused == null) {
                    try {
                        MemorySegment block = hakmem.allocate(size);
                        block.set(ValueLayout.JAVA_BYTE, 0, (byte) 1);
                        live.add(block);
                    } catch (OutOfMemoryError e) {
                        refused = e;
                    }
                }
                String message = refused.getMessage();
                assertTrue(message.contains("hakmem.max-bytes = " + LIMIT), message);
                HakmemStats full = hakmem.stats();
                assertTrue(full.get(HakmemStats.HELD_BYTES) <= LIMIT, full::toString);
                assertTrue(full.get(HakmemStats.HELD_BYTES) > LIMIT / 2, () -> "it was the limit that refused: " + full);
                assertEquals(LIMIT, full.get(HakmemStats.MAX_BYTES));
                live.forEach(hakmem::free);
                hakmem.free(hakmem.allocate(size)); // works again at once
            }
        }
    }

    /** Memory one tier freed serves another: the limit makes the pools give back what they hold before it refuses. */
    @Test
    void freedPoolMemoryServesAnotherTierUnderTheLimit() {
        try (Hakmem hakmem = limited(Mode.BALANCED)) {
            List<MemorySegment> small = new ArrayList<>();
            for (long held = 0; held < LIMIT * 3 / 4; held += 64) {
                small.add(hakmem.allocate(64)); // ~48 MiB of TinyPool slabs
            }
            small.forEach(hakmem::free); // back in TinyPool, not yet given back to the OS
            List<MemorySegment> mid = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                mid.add(hakmem.allocate(1 << 20)); // 40 MiB more than the limit allows on top
            }
            mid.forEach(hakmem::free);
            assertTrue(hakmem.stats().get(HakmemStats.HELD_BYTES) <= LIMIT);
        }
    }

    @Test
    @Timeout(120)
    void fourThreadsPastTheLimitNeverHoldMoreThanIt() throws Exception {
        try (Hakmem hakmem = limited(Mode.BALANCED)) {
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong refusals = new AtomicLong();
            AtomicLong mostHeld = new AtomicLong();
            Thread watcher = Thread.ofPlatform().start(() -> {
                while (running.get()) {
                    mostHeld.accumulateAndGet(hakmem.stats().get(HakmemStats.HELD_BYTES), Math::max);
                }
            });
            CyclicBarrier start = new CyclicBarrier(4);
            List<Future<?>> workers = new ArrayList<>();
            try (ExecutorService executor = Executors.newFixedThreadPool(4)) {
                for (int t = 0; t < 4; t++) {
                    int seed = t;
                    workers.add(executor.submit(() -> {
                        SplittableRandom random = new SplittableRandom(seed);
                        List<MemorySegment> live = new ArrayList<>();
                        start.await();
                        int refusedHere = 0;
                        for (int i = 0; i < 20_000 && refusedHere < 20; i++) {
                            long size = 1L << (4 + random.nextInt(19)); // 16 B .. 4 MiB
                            try {
                                MemorySegment block = hakmem.allocate(size);
                                block.set(ValueLayout.JAVA_BYTE, size - 1, (byte) 1);
                                live.add(block);
                            } catch (OutOfMemoryError e) {
                                assertTrue(e.getMessage().contains("hakmem.max-bytes"), e.getMessage());
                                refusals.incrementAndGet();
                                refusedHere++;
                                for (int j = live.size() - 1; j >= 0; j -= 2) { // free half, then go on
                                    hakmem.free(live.remove(j));
                                }
                            }
                        }
                        live.forEach(hakmem::free);
                        return null;
                    }));
                }
                for (Future<?> worker : workers) {
                    worker.get();
                }
            } finally {
                running.set(false);
                watcher.join();
            }
            assertTrue(refusals.get() > 0, "the threads went past the limit");
            assertTrue(mostHeld.get() <= LIMIT, "held " + mostHeld.get() + " of " + LIMIT);
            HakmemStats end = hakmem.stats();
            assertEquals(end.allocations(), end.frees());
            hakmem.free(hakmem.allocate(LIMIT / 2)); // everything came back
        }
    }

    @Test
    void aLimitWithAnOsLayerItCannotCountIsRefused() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> Compositions.with()
                .mode(Mode.MINIMAL).set("max-bytes", "64m").os(new FaultInjectingOs()).compose());
        assertTrue(e.getMessage().contains("hakmem.max-bytes"), e.getMessage());
    }
}
