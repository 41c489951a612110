package io.hakmem.modes.trace;

import io.hakmem.Hakmem;
import io.hakmem.Mode;
import io.hakmem.Site;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Threads that free each other's blocks: each thread's events come back in its own order, each free is the
 * freeing thread's, and every block is allocated once and freed once.
 */
class TraceThreadsTest {
    private static final int PRODUCERS = 3;
    private static final int CONSUMERS = 2;
    private static final int BLOCKS = 20_000;
    private static final MemorySegment POISON = MemorySegment.ofArray(new byte[1]);

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void crossThreadFreesAreRecordedByTheThreadThatFreed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("threads.hktrace");
        Map<String, List<Long>> sizesByThread = new ConcurrentHashMap<>();
        Map<String, Integer> freesByThread = new ConcurrentHashMap<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (Hakmem hakmem = TraceRoundTripTest.recording(Mode.BALANCED, file)) {
            BlockingQueue<MemorySegment> handoff = new ArrayBlockingQueue<>(1024);
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                int seed = p;
                threads.add(Thread.ofPlatform().name("producer-" + p).start(() -> run(failure, () -> {
                    Site site = hakmem.site("site-" + seed);
                    SplittableRandom random = new SplittableRandom(seed);
                    List<Long> sizes = new ArrayList<>();
                    int frees = 0;
                    for (int i = 0; i < BLOCKS; i++) {
                        long size = 1 + random.nextInt(random.nextBoolean() ? 1024 : 300_000);
                        sizes.add(size);
                        MemorySegment block = site.allocate(size, 16);
                        if (random.nextInt(3) == 0) {
                            hakmem.free(block);
                            frees++;
                        } else {
                            handoff.put(block);
                        }
                    }
                    sizesByThread.put(Thread.currentThread().getName(), sizes);
                    freesByThread.put(Thread.currentThread().getName(), frees);
                })));
            }
            List<Thread> consumers = new ArrayList<>();
            for (int c = 0; c < CONSUMERS; c++) {
                consumers.add(Thread.ofPlatform().name("consumer-" + c).start(() -> run(failure, () -> {
                    int frees = 0;
                    for (MemorySegment block = handoff.take(); block != POISON; block = handoff.take()) {
                        hakmem.free(block);
                        frees++;
                    }
                    freesByThread.put(Thread.currentThread().getName(), frees);
                })));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            for (int c = 0; c < CONSUMERS; c++) {
                handoff.put(POISON);
            }
            for (Thread consumer : consumers) {
                consumer.join();
            }
            assertNull(failure.get());
            assertEquals(0, hakmem.stats().get("trace.dropped"));
        }

        RecordedTrace trace = RecordedTrace.read(file);
        assertEquals(0, trace.end.dropped());
        for (int p = 0; p < PRODUCERS; p++) {
            String name = "producer-" + p;
            List<Long> recorded = trace.of(trace.thread(name)).stream().filter(e -> !e.free())
                    .map(RecordedTrace.Event::size).toList();
            assertEquals(sizesByThread.get(name), recorded, name + ": its allocations, in its order");
            int site = trace.of(trace.thread(name)).stream().filter(e -> !e.free()).findFirst().orElseThrow().site();
            assertEquals("site-" + p, trace.sites.get(site));
        }
        freesByThread.forEach((name, frees) -> assertEquals((long) frees,
                trace.of(trace.thread(name)).stream().filter(RecordedTrace.Event::free).count(), name + "'s frees"));

        Map<Integer, Integer> allocatedBy = new HashMap<>();
        for (RecordedTrace.Event allocation : trace.allocations()) {
            assertNull(allocatedBy.put(allocation.block(), allocation.thread()), "each block allocated once");
        }
        Map<Integer, Integer> freedBy = new HashMap<>();
        for (RecordedTrace.Event free : trace.frees()) {
            assertNull(freedBy.put(free.block(), free.thread()), "each block freed once");
        }
        assertEquals(allocatedBy.keySet(), freedBy.keySet(), "every block allocated is freed, and no other");
        assertEquals(PRODUCERS * BLOCKS, allocatedBy.size());
        long crossThread = freedBy.entrySet().stream()
                .filter(entry -> !entry.getValue().equals(allocatedBy.get(entry.getKey()))).count();
        assertTrue(crossThread > PRODUCERS * BLOCKS / 2, "most frees are another thread's: " + crossThread);
    }

    /** Threads whose first events come at the same moment are each declared once, numbered in order, with their own. */
    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void threadsArrivingTogetherAreEachDeclaredWithTheirEvents(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("arrivals.hktrace");
        int threads = 32;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (Hakmem hakmem = TraceRoundTripTest.recording(Mode.BALANCED, file)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int blocks = 10 + t;
                workers.add(Thread.ofPlatform().name("arrival-" + t).start(() -> run(failure, () -> {
                    go.await();
                    for (int i = 0; i < blocks; i++) {
                        hakmem.free(hakmem.allocate(64, 16));
                    }
                })));
            }
            go.countDown();
            for (Thread worker : workers) {
                worker.join();
            }
        }
        assertNull(failure.get());
        RecordedTrace trace = RecordedTrace.read(file);
        assertEquals(threads, trace.threads.size(), trace.threads::toString);
        for (int t = 0; t < threads; t++) {
            assertEquals(2 * (10 + t), trace.of(trace.thread("arrival-" + t)).size(), "arrival-" + t);
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private static void run(AtomicReference<Throwable> failure, Work work) {
        try {
            work.run();
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }
}
