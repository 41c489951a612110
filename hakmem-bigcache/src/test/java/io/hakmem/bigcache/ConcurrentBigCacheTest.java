package io.hakmem.bigcache;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Four threads take and offer blocks of a few sites and classes under a small cap, so that evictions race
 * with hits: a block is never handed to two threads nor evicted while one holds it, an evicted block never
 * comes back, the cap holds at every sample, and every block is accounted for at the end. Each thread holds up
 * to {@link #HELD} blocks and offers a random one back, so a block stays in use across many evictions.
 */
class ConcurrentBigCacheTest {
    private static final long MIB = 1 << 20;
    private static final int THREADS = 4;
    private static final int OPERATIONS = 200_000;
    private static final int HELD = 4;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void blocksAreNeverSharedNorResurrectedAndTheCapHolds() throws InterruptedException {
        long cap = 16 * MIB;
        AtomicLong clock = new AtomicLong();
        BigCache cache = new BigCache(SizeClasses.of(BigCacheTest.ORIGINAL, 4096), cap, clock::incrementAndGet);
        Set<Long> evicted = ConcurrentHashMap.newKeySet();
        Set<Long> inUse = ConcurrentHashMap.newKeySet();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        cache.connect((site, address, capacity) -> {
            if (inUse.contains(address)) {
                failure.compareAndSet(null, new AssertionError("evicted while in use: " + Long.toHexString(address)));
            }
            if (!evicted.add(address)) {
                failure.compareAndSet(null, new AssertionError("evicted twice: " + Long.toHexString(address)));
            }
        });
        AtomicLong created = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        long[] classes = {512 << 10, MIB, 2 * MIB, 4 * MIB};

        Thread[] workers = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            long seed = t;
            workers[t] = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                List<long[]> held = new ArrayList<>(); // {site, address, capacity}, in inUse until offered
                try {
                    for (int i = 0; i < OPERATIONS && failure.get() == null; i++) {
                        int site = random.nextInt(3);
                        long capacity = classes[random.nextInt(classes.length)];
                        long address = cache.take(site, capacity);
                        if (address == 0) {
                            address = created.incrementAndGet() << 32 | capacity >>> 12;
                        } else if (evicted.contains(address)) {
                            throw new AssertionError("an evicted block came back: " + Long.toHexString(address));
                        }
                        if (!inUse.add(address)) {
                            throw new AssertionError("handed out twice: " + Long.toHexString(address));
                        }
                        held.add(new long[] {site, address, capacity});
                        if (held.size() > HELD) {
                            offer(cache, inUse, held.remove(random.nextInt(held.size())), refused);
                        }
                    }
                    held.forEach(block -> offer(cache, inUse, block, refused));
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            workers[t].start();
        }
        long samples = 0;
        while (anyAlive(workers)) {
            Map<String, Long> counters = counters(cache);
            assertTrue(counters.get("bigcache.bytes") <= cap, "over the cap: " + counters);
            samples++;
        }
        for (Thread worker : workers) {
            worker.join();
        }
        assertNull(failure.get(), () -> "a worker failed: " + failure.get());
        Map<String, Long> counters = counters(cache);
        assertTrue(samples > 0);
        assertEquals(created.get(), counters.get("bigcache.blocks") + evicted.size() + refused.get(),
                "every block is cached, evicted or refused: " + counters);
        assertTrue(counters.get("bigcache.hits") > 0 && counters.get("bigcache.evictions") > 0, counters::toString);
        cache.close();
        assertNull(failure.get(), () -> "close: " + failure.get());
        assertEquals(created.get(), evicted.size() + refused.get());
        assertEquals(0, counters(cache).get("bigcache.bytes"));
    }

    /** The hand-off: out of use first, then offered; the cache may evict it from then on. */
    private static void offer(BigCache cache, Set<Long> inUse, long[] block, AtomicLong refused) {
        inUse.remove(block[1]);
        if (!cache.offer((int) block[0], block[1], block[2])) {
            refused.incrementAndGet();
        }
    }

    private static boolean anyAlive(Thread[] threads) {
        for (Thread thread : threads) {
            if (thread.isAlive()) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Long> counters(BigCache cache) {
        Map<String, Long> counters = new TreeMap<>();
        cache.report(counters::put);
        return counters;
    }
}
