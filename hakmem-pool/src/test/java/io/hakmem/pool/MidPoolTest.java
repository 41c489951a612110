package io.hakmem.pool;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.hakmem.pool.TestPools.MEMORY;
import static io.hakmem.pool.TestPools.counters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One thread: classes, alignment, slabs of several units, reuse, validation, exhaustion, memory going back. */
class MidPoolTest {
    private final MidPool pool = TestPools.mid(1L << 30, 0);

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void servesEveryClassAboveOneKibibyteAndBelowTheLimit() {
        assertEquals(0, pool.allocate(1024, 8, false), "TinyPool's sizes are not served here");
        assertEquals(0, pool.allocate(256 << 10, 8, false), "the limit is the large threshold: mapped from there");
        for (long size = 1025; size < 256 << 10; size = size * 9 / 8 + 1) {
            long address = pool.allocate(size, 16, false);
            assertNotEquals(0, address);
            assertTrue(pool.owns(address));
            assertEquals(0, address % MidPool.MIN_ALIGNMENT);
            MEMORY.asSlice(address, size).fill((byte) 7);
            pool.free(address, size, false);
        }
        assertEquals(pool.allocations(), pool.frees());
    }

    @Test
    void alignmentTakesAClassWhoseBlocksAreAligned() {
        for (long alignment = 256; alignment <= 128 << 10; alignment *= 2) {
            long address = pool.allocate(1100, alignment, false);
            assertEquals(0, address % alignment, "aligned to " + alignment);
            MEMORY.asSlice(address, 1100).fill((byte) 1);
            pool.free(address, 1100, false);
        }
        assertEquals(0, pool.allocate(100, 256 << 10, false), "an alignment at the limit goes on");
    }

    @Test
    void liveBlocksAreDistinctAndKeepTheirContents() {
        Set<Long> live = new HashSet<>();
        List<long[]> blocks = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            long size = 1025 + (i * 7919L) % (200 << 10);
            long address = pool.allocate(size, 8, false);
            assertTrue(live.add(address), "no live block handed out again");
            MEMORY.set(ValueLayout.JAVA_LONG, address, address ^ size);
            MEMORY.set(ValueLayout.JAVA_LONG_UNALIGNED, address + size - 8, ~address);
            blocks.add(new long[] {address, size});
            if (i % 3 == 0) {
                long[] victim = blocks.remove(blocks.size() / 2);
                live.remove(victim[0]);
                pool.free(victim[0], victim[1], false);
            }
        }
        for (long[] block : blocks) {
            assertEquals(block[0] ^ block[1], MEMORY.get(ValueLayout.JAVA_LONG, block[0]));
            assertEquals(~block[0], MEMORY.get(ValueLayout.JAVA_LONG_UNALIGNED, block[0] + block[1] - 8));
            pool.free(block[0], block[1], false);
        }
        assertEquals(0, pool.liveBytes());
    }

    @Test
    void doubleFreesInteriorPointersAndForeignAddressesAreRefusedAndChangeNothing() {
        long a = pool.allocate(5000, 8, false);
        long b = pool.allocate(5000, 8, false);
        pool.free(a, 5000, false);
        IllegalStateException twice = assertThrows(IllegalStateException.class, () -> pool.free(a, 5000, false));
        assertTrue(twice.getMessage().contains("Double free"), twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> pool.free(b + 128, 4872, false), "interior");
        assertThrows(IllegalArgumentException.class, () -> pool.free(b, 5001, false), "longer than asked for");
        assertThrows(IllegalArgumentException.class, () -> pool.free(b, 4096, false), "a head slice");
        assertThrows(IllegalArgumentException.class, () -> pool.free(b, 5000, true), "handed out as a segment");
        long uncarved = pool.base + pool.bytes - Units.UNIT_BYTES;
        assertThrows(IllegalArgumentException.class, () -> pool.free(uncarved, 5000, false), "never carved");
        pool.free(b, 5000, false); // b untouched by the refusals
        assertEquals(6, counters(pool).get("midpool.refused-frees"));
        assertEquals(pool.allocations(), pool.frees());
    }

    @Test
    void runningOutOfReservedSpaceFallsBackAndRecovers() {
        MidPool small = TestPools.mid(4L << 20, 0);
        try {
            List<Long> live = new ArrayList<>();
            for (long address = small.allocate(200 << 10, 8, false); address != 0;
                 address = small.allocate(200 << 10, 8, false)) {
                live.add(address);
            }
            assertEquals(2 * 9, live.size(), "two 2 MiB slabs of nine 208 KiB blocks");
            assertEquals(1, counters(small).get("midpool.misses"));
            small.free(live.getFirst(), 200 << 10, false);
            assertNotEquals(0, small.allocate(200 << 10, 8, false), "a freed block serves again");
        } finally {
            small.close();
        }
    }

    @Test
    void unitsSkippedToAlignALargeSlabServeSmallClasses() {
        long small = pool.allocate(2000, 8, false);          // a 64 KiB slab at unit 0
        long large = pool.allocate(200 << 10, 8, false);     // a 2 MiB slab: units 1..31 skipped
        assertEquals(0, (large - pool.base) % (2 << 20));
        Map<String, Long> counters = counters(pool);
        assertEquals(33, counters.get("midpool.slabs"), counters::toString);
        long other = pool.allocate(5000, 8, false);          // a skipped unit, not fresh address space
        assertTrue(other - pool.base < 2 << 20, "from a skipped unit");
        pool.free(small, 2000, false);
        pool.free(large, 200 << 10, false);
        pool.free(other, 5000, false);
    }

    @Test
    void aBurstGoesBackToTheOsAndTrimTakesTheRest() {
        long[] live = new long[4096];
        for (int i = 0; i < live.length; i++) {
            live[i] = pool.allocate(16 << 10, 8, false); // 64 MiB in 128 KiB slabs
            MEMORY.set(ValueLayout.JAVA_BYTE, live[i], (byte) 1);
        }
        for (long address : live) {
            pool.free(address, 16 << 10, false);
        }
        Map<String, Long> counters = counters(pool);
        assertTrue(counters.get("midpool.slabs-released") >= 500, counters::toString);
        assertEquals(0, counters.get("midpool.retained-bytes"), counters::toString);
        long spares = Heap.MAX_SPARE_BYTES;
        assertTrue(counters.get("midpool.in-use-bytes") <= (128 << 10) + spares, "current and spares: " + counters);
        pool.trim(0);
        Map<String, Long> trimmed = counters(pool);
        assertTrue(trimmed.get("midpool.in-use-bytes") <= 128 << 10, "the current slab at most: " + trimmed);
        assertEquals(0, trimmed.get("midpool.retained-bytes"), trimmed::toString);
        assertNotEquals(0, pool.allocate(16 << 10, 8, false), "released slabs serve again");
    }
}
