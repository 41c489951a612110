package io.hakmem.modes;

import io.hakmem.Hakmem;
import io.hakmem.HakmemStats;
import io.hakmem.Mode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static io.hakmem.modes.LargeBlockFixtures.KIB;
import static io.hakmem.modes.LargeBlockFixtures.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Four threads allocate large blocks, stamp every page, hand them to each other through a shared queue and
 * free each other's blocks after checking every stamp, while a fifth thread trims: no block is ever handed
 * out while another thread still holds it (a stamp would change), no trim fails, counters balance at the end.
 */
class ConcurrentLargeBlocksTest {
    private static final int THREADS = 4;
    private static final long MILLIS = 1_500;

    static Hakmem open(String composition) {
        return switch (composition) {
            case "balanced" -> LargeBlockFixtures.balanced().set("idle-release.delay", "50ms").build();
            // A cache that evicts at almost every free and a batch that flushes every 2 blocks: all paths race.
            default -> Hakmem.builder().mode(Mode.MINIMAL).enable("bigcache").enable("batch")
                    .set("bigcache.max-bytes", "6m").set("batch.flush-blocks", "2").set("batch.max-retained-blocks", "4")
                    .set("free-policy", "adaptive").set("batch.hot-window", "1ms").set("batch.cold-after", "5ms")
                    .set("idle-release.delay", "10ms").build();
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"balanced", "tight"})
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void threadsFreeEachOthersLargeBlocksWithTheirContentsIntact(String composition) throws InterruptedException {
        try (Hakmem hakmem = open(composition)) {
            ArrayBlockingQueue<MemorySegment> shared = new ArrayBlockingQueue<>(32);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicLong operations = new AtomicLong();
            AtomicLong trims = new AtomicLong();
            long deadline = System.nanoTime() + MILLIS * 1_000_000;
            Thread[] threads = new Thread[THREADS + 1];
            for (int t = 0; t < THREADS; t++) {
                long seed = t;
                threads[t] = new Thread(() -> work(hakmem, shared, seed, deadline, operations, failure), "large-" + t);
            }
            threads[THREADS] = new Thread(() -> {
                try {
                    while (System.nanoTime() < deadline && failure.get() == null) {
                        hakmem.trim();
                        trims.incrementAndGet();
                        Thread.sleep(20);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "large-trimmer");
            for (Thread thread : threads) {
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            for (MemorySegment block = shared.poll(); block != null; block = shared.poll()) {
                check(block);
                hakmem.free(block);
            }
            assertNull(failure.get(), () -> "a thread failed: " + failure.get());
            HakmemStats stats = hakmem.stats();
            assertEquals(stats.allocations(), stats.frees(), stats::toString);
            assertEquals(0, stats.liveBytes());
            assertTrue(operations.get() > 100, "operations: " + operations.get());
            assertTrue(trims.get() > 0, "the trimmer ran");
            assertTrue(stats.get("bigcache.hits") > 0, stats::toString);
        }
    }

    private static void work(Hakmem hakmem, ArrayBlockingQueue<MemorySegment> shared, long seed, long deadline,
                             AtomicLong operations, AtomicReference<Throwable> failure) {
        SplittableRandom random = new SplittableRandom(seed);
        try {
            while (System.nanoTime() < deadline && failure.get() == null) {
                MemorySegment block = hakmem.allocate(size(random), 16);
                stamp(block);
                if (!shared.offer(block)) {
                    check(block);
                    hakmem.free(block);
                }
                MemorySegment other = shared.poll();
                if (other != null) {
                    check(other);
                    hakmem.free(other);
                }
                operations.incrementAndGet();
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        }
    }

    /** Mostly the classes of the large-block scenarios, sometimes between them or above the largest class. */
    private static long size(SplittableRandom random) {
        return switch (random.nextInt(10)) {
            case 0, 1, 2 -> 256 * KIB;
            case 3, 4, 5 -> 2 * MIB;
            case 6, 7 -> 256 * KIB + random.nextLong(4 * MIB);
            case 8 -> 3 * MIB;
            default -> random.nextInt(20) == 0 ? 17 * MIB : MIB;
        };
    }

    /** Every page carries its block's address and its own offset. */
    private static void stamp(MemorySegment block) {
        long cookie = block.address() * 0x9E3779B97F4A7C15L;
        for (long offset = 0; offset + 8 <= block.byteSize(); offset += 4096) {
            block.set(ValueLayout.JAVA_LONG_UNALIGNED, offset, cookie ^ offset);
        }
    }

    private static void check(MemorySegment block) {
        long cookie = block.address() * 0x9E3779B97F4A7C15L;
        for (long offset = 0; offset + 8 <= block.byteSize(); offset += 4096) {
            long value = block.get(ValueLayout.JAVA_LONG_UNALIGNED, offset);
            if (value != (cookie ^ offset)) {
                throw new AssertionError("block 0x" + Long.toHexString(block.address()) + " of " + block.byteSize()
                        + " bytes changed at offset " + offset + " while its owner held it");
            }
        }
    }
}
