package io.hakmem.tinypool;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.hakmem.tinypool.Pools.MEMORY;
import static io.hakmem.tinypool.Pools.counters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One thread: classes, alignment, reuse, validation, exhaustion, and memory going back. */
class TinyPoolTest {
    private final TinyPool pool = Pools.pool(64L << 20, 1L << 20);

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void servesEachClassNaturallyAlignedAndOwnsItsBlocks() {
        for (long size = 1; size <= 1024; size = size * 2 + 1) {
            long address = pool.allocate(size, 1);
            long block = classBytes(size);
            assertNotEquals(0, address);
            assertEquals(0, address % block, () -> "block of " + block);
            assertTrue(pool.owns(address));
            MEMORY.asSlice(address, size).fill((byte) 7);
            pool.free(address, size);
        }
        assertTrue(!pool.owns(0) && !pool.owns(-1));
    }

    private static long classBytes(long size) {
        return SizeClasses.blockBytes(SizeClasses.of(size));
    }

    @Test
    void alignmentChoosesTheClassAndAboveOneKibibyteIsNotServed() {
        long address = pool.allocate(8, 512);
        assertEquals(0, address % 512);
        pool.free(address, 8);
        assertEquals(0, pool.allocate(8, 2048));
        assertEquals(0, pool.allocate(1025, 8));
    }

    @Test
    void aFreedBlockIsHandedOutAgainAndLiveBlocksAreDistinct() {
        Set<Long> live = new HashSet<>();
        long last = 0;
        for (int i = 0; i < 10_000; i++) {
            last = pool.allocate(48, 8);
            assertTrue(live.add(last), "no block handed out twice");
        }
        pool.free(last, 48);
        assertEquals(last, pool.allocate(48, 8), "the first free bit of the current word");
        for (long address : live) {
            pool.free(address, 48);
        }
        assertEquals(pool.allocations(), pool.frees());
        assertEquals(0, pool.liveBytes());
    }

    @Test
    void contentsOfLiveBlocksAreKept() {
        List<Long> live = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            long address = pool.allocate(24, 8);
            MEMORY.set(ValueLayout.JAVA_LONG, address, address);
            MEMORY.set(ValueLayout.JAVA_LONG, address + 16, ~address);
            live.add(address);
            if (i % 3 == 0) {
                long victim = live.remove(live.size() / 2);
                pool.free(victim, 24);
            }
        }
        for (long address : live) {
            assertEquals(address, MEMORY.get(ValueLayout.JAVA_LONG, address));
            assertEquals(~address, MEMORY.get(ValueLayout.JAVA_LONG, address + 16));
            pool.free(address, 24);
        }
    }

    @Test
    void doubleFreesInteriorPointersAndForeignAddressesAreRefusedAndChangeNothing() {
        long a = pool.allocate(64, 8);
        long b = pool.allocate(64, 8);
        pool.free(a, 64);
        IllegalStateException twice = assertThrows(IllegalStateException.class, () -> pool.free(a, 64));
        assertTrue(twice.getMessage().contains("Double free"), twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> pool.free(b + 8, 56), "interior");
        assertThrows(IllegalArgumentException.class, () -> pool.free(b, 65), "longer than the block");
        assertThrows(IllegalArgumentException.class, () -> pool.free(b, 32), "a head slice");
        long uncarved = pool.allocate(16, 1) + (32L << 20);
        assertThrows(IllegalArgumentException.class, () -> pool.free(uncarved, 16), "in the region, never carved");
        pool.free(b, 64); // b untouched by the refusals
        assertEquals(5, counters(pool).get("tinypool.refused-frees"));
        assertEquals(pool.allocations() - 1, pool.frees());
    }

    @Test
    void runningOutOfReservedSpaceFallsBackAndRecovers() {
        try (var small = new Closing(Pools.pool(2L << 20, 0))) {
            TinyPool tiny = small.pool;
            List<Long> live = new ArrayList<>();
            for (long address = tiny.allocate(1024, 8); address != 0; address = tiny.allocate(1024, 8)) {
                live.add(address);
            }
            assertEquals(32 * 64, live.size(), "32 slabs of 64 blocks of 1 KiB");
            assertEquals(1, counters(tiny).get("tinypool.misses"));
            tiny.free(live.getFirst(), 1024);
            assertNotEquals(0, tiny.allocate(1024, 8), "a freed block serves again");
        }
    }

    @Test
    void aBurstGoesBackToTheOsBeyondTheRetentionLimit() {
        ReleaseCountingOs os = new ReleaseCountingOs();
        try (var counted = new Closing(new TinyPool(new TinyPoolSettings(64L << 20, 1L << 20), os, null))) {
            TinyPool burst = counted.pool;
            int blocks = 1 << 20; // 64 MiB of 64 B blocks
            long[] live = new long[blocks];
            for (int i = 0; i < blocks; i++) {
                live[i] = burst.allocate(64, 8);
                MEMORY.set(ValueLayout.JAVA_BYTE, live[i], (byte) 1);
            }
            for (long address : live) {
                burst.free(address, 64);
            }
            Map<String, Long> counters = counters(burst);
            assertTrue(counters.get("tinypool.slabs-released") >= 1000, counters::toString);
            assertTrue(counters.get("tinypool.retained-bytes") <= 1L << 20, counters::toString);
            assertEquals(counters.get("tinypool.slabs-released") << Slab.SHIFT, os.releasedBytes.get(),
                    "every slab released went back to the OS with MADV_DONTNEED");
            burst.trim(0);
            Map<String, Long> trimmed = counters(burst);
            assertEquals(0, trimmed.get("tinypool.retained-bytes"));
            assertEquals(trimmed.get("tinypool.slabs-released") << Slab.SHIFT, os.releasedBytes.get(), "and the kept");
            assertNotEquals(0, burst.allocate(64, 8), "released slabs serve again");
        }
    }

    /** A pool closed at the end of a try block. */
    record Closing(TinyPool pool) implements AutoCloseable {
        @Override
        public void close() {
            pool.close();
        }
    }
}
