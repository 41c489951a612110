package io.hakmem.bigcache;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cache alone: addresses are plain numbers (it never touches memory), time is a counter. */
class BigCacheTest {
    static final long KIB = 1024;
    static final long MIB = 1024 * KIB;
    static final long[] ORIGINAL = {512 * KIB, MIB, 2 * MIB, 3 * MIB, 4 * MIB, 6 * MIB, 8 * MIB, 16 * MIB};

    private long now;
    /** (site, address, capacity) of every block evicted downstream, in order. */
    private final List<long[]> evicted = new ArrayList<>();

    private BigCache cache(long maxBytes) {
        BigCache cache = new BigCache(SizeClasses.of(ORIGINAL, 4096), maxBytes, () -> ++now);
        cache.connect((site, address, capacity) -> evicted.add(new long[] {site, address, capacity}));
        return cache;
    }

    static Map<String, Long> counters(BigCache cache) {
        Map<String, Long> counters = new TreeMap<>();
        cache.report(counters::put);
        return counters;
    }

    @Test
    void requestsAreMappedAtTheirClassAndAboveTheLargestPageRounded() {
        BigCache cache = cache(256 * MIB);
        assertEquals(512 * KIB, cache.capacityFor(1));
        assertEquals(512 * KIB, cache.capacityFor(256 * KIB));
        assertEquals(512 * KIB, cache.capacityFor(512 * KIB));
        assertEquals(MIB, cache.capacityFor(512 * KIB + 1));
        assertEquals(3 * MIB, cache.capacityFor(2 * MIB + 1));
        assertEquals(16 * MIB, cache.capacityFor(16 * MIB));
        assertEquals(16 * MIB + 4096, cache.capacityFor(16 * MIB + 1));
    }

    @Test
    void aHitIsTheNewestBlockOfItsSiteAndClass() {
        BigCache cache = cache(256 * MIB);
        assertTrue(cache.offer(1, 0x1000_0000L, 2 * MIB));
        assertTrue(cache.offer(1, 0x2000_0000L, 2 * MIB));
        assertTrue(cache.offer(1, 0x3000_0000L, MIB));
        assertEquals(0x2000_0000L, cache.take(1, 2 * MIB), "LIFO: the warmest block first");
        assertEquals(0x1000_0000L, cache.take(1, 2 * MIB));
        assertEquals(0, cache.take(1, 2 * MIB), "empty: a miss");
        assertEquals(0, cache.take(1, 3 * MIB), "another class: a miss");
        Map<String, Long> counters = counters(cache);
        assertEquals(2, counters.get("bigcache.hits"));
        assertEquals(2, counters.get("bigcache.misses"));
        assertEquals(3, counters.get("bigcache.inserts"));
        assertEquals(1, counters.get("bigcache.blocks"));
        assertEquals(MIB, counters.get("bigcache.bytes"));
        assertTrue(evicted.isEmpty());
    }

    @Test
    void sitesKeepTheirOwnBlocks() {
        BigCache cache = cache(256 * MIB);
        assertTrue(cache.offer(3, 0x1000_0000L, 4 * MIB));
        assertEquals(0, cache.take(4, 4 * MIB));
        assertEquals(0, cache.take(0, 4 * MIB));
        assertEquals(0x1000_0000L, cache.take(3, 4 * MIB));
        assertTrue(cache.offer(100_000, 0x2000_0000L, 4 * MIB), "site ids are dense but may be large: the table grows");
        assertEquals(0x2000_0000L, cache.take(100_000, 4 * MIB));
    }

    @Test
    void aReleaseThatFailsAtCloseDoesNotKeepTheOtherBlocks() {
        BigCache cache = new BigCache(SizeClasses.of(ORIGINAL, 4096), 256 * MIB, () -> ++now);
        List<Long> released = new ArrayList<>();
        cache.connect((site, address, capacity) -> {
            released.add(address);
            if (released.size() == 1) {
                throw new IllegalStateException("munmap failed (injected)");
            }
        });
        for (int i = 1; i <= 4; i++) {
            assertTrue(cache.offer(1, i * 0x1000_0000L, 2 * MIB));
        }
        IllegalStateException failed = assertThrows(IllegalStateException.class, cache::close);
        assertTrue(failed.getMessage().contains("injected"), failed.getMessage());
        assertEquals(4, released.size(), "every block went downstream, the failed one's followers too");
        assertEquals(0, counters(cache).get("bigcache.blocks"));
    }

    /** An eviction the offer set off fails downstream: the offered block still goes downstream, not nowhere. */
    @Test
    void aBlockOfferedWhenTheEvictionItNeedsFailsIsSentDownstream() {
        BigCache cache = new BigCache(SizeClasses.of(ORIGINAL, 4096), 4 * MIB, () -> ++now);
        IllegalStateException failure = new IllegalStateException("munmap failed (injected)");
        cache.connect((site, address, capacity) -> {
            evicted.add(new long[] {site, address, capacity});
            if (address == 0x1000_0000L) {
                throw failure;
            }
        });
        assertTrue(cache.offer(1, 0x1000_0000L, 4 * MIB));
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> cache.offer(1, 0x2000_0000L, 4 * MIB));
        assertSame(failure, thrown, "the eviction's failure reaches the caller");
        assertEquals(2, evicted.size(), "the evicted block, then the offered one");
        assertEquals(0x2000_0000L, evicted.get(1)[1]);
        assertEquals(0, counters(cache).get("bigcache.bytes"), "nothing cached, nothing counted");
        assertEquals(0, cache.take(1, 4 * MIB));
    }

    @Test
    void blocksThatAreNoClassOrLargerThanTheCapAreRefused() {
        BigCache cache = cache(4 * MIB);
        assertFalse(cache.offer(0, 0x1000_0000L, 16 * MIB + 4096), "above the largest class");
        assertFalse(cache.offer(0, 0x1000_0000L, 2 * MIB + 4096), "not a class capacity");
        assertFalse(cache.offer(0, 0x1000_0000L, 6 * MIB), "larger than the cap");
        assertEquals(0, cache.take(0, 16 * MIB + 4096));
        assertEquals(3, counters(cache).get("bigcache.refused"));
        assertEquals(0, counters(cache).get("bigcache.bytes"));
    }

    @Test
    void overTheCapTheLeastRecentlyFreedBlocksOfAnySiteGoDownstream() {
        BigCache cache = cache(8 * MIB);
        assertTrue(cache.offer(0, 0xA000_0000L, 2 * MIB));
        assertTrue(cache.offer(1, 0xB000_0000L, 2 * MIB));
        assertTrue(cache.offer(0, 0xC000_0000L, MIB));
        assertTrue(cache.offer(2, 0xD000_0000L, 3 * MIB));
        assertEquals(8 * MIB, counters(cache).get("bigcache.bytes"));
        assertTrue(evicted.isEmpty());

        assertTrue(cache.offer(1, 0xE000_0000L, 2 * MIB), "kept, after evicting the oldest");
        assertEquals(1, evicted.size());
        assertEvicted(0, 0, 0xA000_0000L, 2 * MIB);
        assertTrue(cache.offer(2, 0xF000_0000L, 4 * MIB), "needs 4 MiB: three more go, oldest first");
        assertEquals(4, evicted.size());
        assertEvicted(1, 1, 0xB000_0000L, 2 * MIB);
        assertEvicted(2, 0, 0xC000_0000L, MIB);
        assertEvicted(3, 2, 0xD000_0000L, 3 * MIB);
        Map<String, Long> counters = counters(cache);
        assertEquals(6 * MIB, counters.get("bigcache.bytes"));
        assertEquals(4, counters.get("bigcache.evictions"));
        assertEquals(0xE000_0000L, cache.take(1, 2 * MIB));
        assertEquals(0xF000_0000L, cache.take(2, 4 * MIB));
    }

    @Test
    void aTakenBlockMakesRoomAgain() {
        BigCache cache = cache(4 * MIB);
        assertTrue(cache.offer(0, 0xA000_0000L, 2 * MIB));
        assertTrue(cache.offer(0, 0xB000_0000L, 2 * MIB));
        assertEquals(0xB000_0000L, cache.take(0, 2 * MIB));
        assertTrue(cache.offer(0, 0xC000_0000L, 2 * MIB));
        assertTrue(evicted.isEmpty());
    }

    @Test
    void trimKeepsTheNewestAndCloseEvictsEverything() {
        BigCache cache = cache(256 * MIB);
        for (int i = 1; i <= 5; i++) {
            assertTrue(cache.offer(0, i * 0x1000_0000L, 2 * MIB));
        }
        cache.trim(4 * MIB + 1);
        assertEquals(3, evicted.size());
        assertEvicted(0, 0, 0x1000_0000L, 2 * MIB);
        assertEvicted(2, 0, 0x3000_0000L, 2 * MIB);
        assertEquals(4 * MIB, counters(cache).get("bigcache.bytes"));
        cache.close();
        assertEquals(5, evicted.size());
        assertEquals(0, counters(cache).get("bigcache.bytes"));
        assertEquals(0, counters(cache).get("bigcache.blocks"));
        assertEquals(0, cache.take(0, 2 * MIB));
    }

    @Test
    void aBinGrowsPastItsFirstArrayAndKeepsItsOrder() {
        BigCache cache = cache(256 * MIB);
        for (int i = 1; i <= 40; i++) {
            assertTrue(cache.offer(7, i * 0x10_0000_0000L, 512 * KIB));
            if (i % 3 == 0) {
                assertEquals(i * 0x10_0000_0000L, cache.take(7, 512 * KIB));
            }
        }
        cache.trim(0);
        for (int i = 1; i < evicted.size(); i++) {
            assertTrue(evicted.get(i - 1)[1] < evicted.get(i)[1], "oldest first");
        }
        assertEquals(40 - 13, evicted.size());
    }

    private void assertEvicted(int index, int site, long address, long capacity) {
        long[] block = evicted.get(index);
        assertEquals(site, block[0], "site of eviction " + index);
        assertEquals(address, block[1], "address of eviction " + index);
        assertEquals(capacity, block[2], "capacity of eviction " + index);
    }
}
