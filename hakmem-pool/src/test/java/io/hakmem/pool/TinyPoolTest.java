package io.hakmem.pool;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.ValueLayout;
import java.time.Duration;
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

/** One thread: classes, alignment, reuse, validation, exhaustion, and memory going back. */
class TinyPoolTest {
    private final TinyPool pool = TestPools.tiny(64L << 20, 1L << 20);

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void servesEachClassNaturallyAlignedAndOwnsItsBlocks() {
        for (long size = 1; size <= 1024; size = size * 2 + 1) {
            long address = pool.allocate(size, 1, false);
            long block = classBytes(size);
            assertNotEquals(0, address);
            assertEquals(0, address % block, () -> "block of " + block);
            assertTrue(pool.owns(address));
            MEMORY.asSlice(address, size).fill((byte) 7);
            pool.free(address, size, false);
        }
        assertTrue(!pool.owns(0) && !pool.owns(-1));
    }

    private static long classBytes(long size) {
        return ClassTable.tiny().blockBytes[TinyPool.classOf(size)];
    }

    @Test
    void alignmentChoosesTheClassAndAboveOneKibibyteIsNotServed() {
        long address = pool.allocate(8, 512, false);
        assertEquals(0, address % 512);
        pool.free(address, 8, false);
        assertEquals(0, pool.allocate(8, 2048, false));
        assertEquals(0, pool.allocate(1025, 8, false));
    }

    @Test
    void aFreedBlockIsHandedOutAgainAndLiveBlocksAreDistinct() {
        Set<Long> live = new HashSet<>();
        long last = 0;
        for (int i = 0; i < 10_000; i++) {
            last = pool.allocate(48, 8, false);
            assertTrue(live.add(last), "no block handed out twice");
        }
        pool.free(last, 48, false);
        assertEquals(last, pool.allocate(48, 8, false), "the first free bit of the current word");
        for (long address : live) {
            pool.free(address, 48, false);
        }
        assertEquals(pool.allocations(), pool.frees());
        assertEquals(0, pool.liveBytes());
    }

    @Test
    void contentsOfLiveBlocksAreKept() {
        List<Long> live = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            long address = pool.allocate(24, 8, false);
            MEMORY.set(ValueLayout.JAVA_LONG, address, address);
            MEMORY.set(ValueLayout.JAVA_LONG, address + 16, ~address);
            live.add(address);
            if (i % 3 == 0) {
                long victim = live.remove(live.size() / 2);
                pool.free(victim, 24, false);
            }
        }
        for (long address : live) {
            assertEquals(address, MEMORY.get(ValueLayout.JAVA_LONG, address));
            assertEquals(~address, MEMORY.get(ValueLayout.JAVA_LONG, address + 16));
            pool.free(address, 24, false);
        }
    }

    @Test
    void doubleFreesInteriorPointersAndForeignAddressesAreRefusedAndChangeNothing() {
        long a = pool.allocate(64, 8, false);
        long b = pool.allocate(64, 8, false);
        pool.free(a, 64, false);
        IllegalStateException twice = assertThrows(IllegalStateException.class, () -> pool.free(a, 64, false));
        assertTrue(twice.getMessage().contains("Double free"), twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> pool.free(b + 8, 56, false), "interior");
        assertThrows(IllegalArgumentException.class, () -> pool.free(b, 65, false), "longer than the block");
        assertThrows(IllegalArgumentException.class, () -> pool.free(b, 32, false), "a head slice");
        long uncarved = pool.allocate(16, 1, false) + (32L << 20);
        assertThrows(IllegalArgumentException.class, () -> pool.free(uncarved, 16, false), "in the region, never carved");
        pool.free(b, 64, false); // b untouched by the refusals
        assertEquals(5, counters(pool).get("tinypool.refused-frees"));
        assertEquals(pool.allocations() - 1, pool.frees());
    }

    /**
     * A free of a block of the thread's current slab finds the slab by the size it names rather than by the
     * region's table: every refusal holds there too, a size of another class finds the block all the same, and
     * a block by address is still taken by a CAS.
     */
    @Test
    void aFreeOnTheCurrentSlabIsValidatedAsAnyOther() {
        long byAddress = pool.allocate(64, 8, true);
        long segment = pool.allocate(64, 8, false);
        long aligned = pool.allocate(8, 64, false); // class 64 by its alignment, freed naming 8 bytes
        assertThrows(IllegalArgumentException.class, () -> pool.free(byAddress, 64, false), "the wrong way");
        assertThrows(IllegalArgumentException.class, () -> pool.free(segment, 64, true), "the wrong way");
        assertThrows(IllegalArgumentException.class, () -> pool.free(segment, 63, false), "a slice");
        assertThrows(IllegalArgumentException.class, () -> pool.free(segment + 16, 48, false), "interior");
        pool.free(aligned, 8, false);
        pool.free(byAddress, 64, true);
        assertThrows(IllegalStateException.class, () -> pool.free(byAddress, 64, true), "twice by address");
        pool.free(segment, 64, false);
        assertThrows(IllegalStateException.class, () -> pool.free(segment, 64, false), "twice");
        assertEquals(6, counters(pool).get("tinypool.refused-frees"));
        assertEquals(pool.allocations(), pool.frees());
        assertEquals(0, pool.liveBytes());
    }

    /**
     * The block a thread freed last on its current slab is held for its next allocation, its bit still set: every
     * count sees it free, a second free is refused, and trim gives the slab back as empty.
     */
    @Test
    void theBlockHeldForTheNextAllocationIsFreeToEveryCountAndToTrim() {
        long held = pool.allocate(64, 8, false);
        pool.free(held, 64, false);
        assertEquals(pool.allocations(), pool.frees());
        assertEquals(0, pool.liveBytes());
        assertThrows(IllegalStateException.class, () -> pool.free(held, 64, false), "held, and freed");
        assertEquals(65_536, counters(pool).get("tinypool.in-use-bytes"));
        pool.trim(0);
        assertEquals(0, counters(pool).get("tinypool.in-use-bytes"), "the current slab went back, empty");
        assertEquals(pool.allocations(), pool.frees());
        long next = pool.allocate(64, 8, false);
        pool.free(next, 64, false);
        assertEquals(pool.allocations(), pool.frees());
    }

    @Test
    void runningOutOfReservedSpaceFallsBackAndRecovers() {
        try (var small = new Closing(TestPools.tiny(2L << 20, 0))) {
            TinyPool tiny = small.pool;
            List<Long> live = new ArrayList<>();
            for (long address = tiny.allocate(1024, 8, false); address != 0; address = tiny.allocate(1024, 8, false)) {
                live.add(address);
            }
            assertEquals(32 * 64, live.size(), "32 slabs of 64 blocks of 1 KiB");
            assertEquals(1, counters(tiny).get("tinypool.misses"));
            tiny.free(live.getFirst(), 1024, false);
            assertNotEquals(0, tiny.allocate(1024, 8, false), "a freed block serves again");
        }
    }

    @Test
    void aBurstGoesBackToTheOsBeyondTheRetentionLimit() {
        ReleaseCountingOs os = new ReleaseCountingOs();
        TinyPool burst = new TinyPool(new PoolSettings(64L << 20, 1L << 20, Duration.ZERO), os, null);
        try {
            int blocks = 1 << 20; // 64 MiB of 64 B blocks
            long[] live = new long[blocks];
            for (int i = 0; i < blocks; i++) {
                live[i] = burst.allocate(64, 8, false);
                MEMORY.set(ValueLayout.JAVA_BYTE, live[i], (byte) 1);
            }
            for (long address : live) {
                burst.free(address, 64, false);
            }
            Map<String, Long> counters = counters(burst);
            long kept = 1 + Heap.MAX_SPARE_BYTES / Units.UNIT_BYTES + (1 << 20) / Units.UNIT_BYTES; // current, spares, retain
            assertTrue(counters.get("tinypool.slabs-released") >= 1024 - kept, counters::toString);
            assertTrue(counters.get("tinypool.retained-bytes") <= 1L << 20, counters::toString);
            assertEquals(counters.get("tinypool.slabs-released") * Units.UNIT_BYTES, os.releasedBytes.get(),
                    "every slab released went back to the OS with MADV_DONTNEED");
            burst.trim(0);
            Map<String, Long> trimmed = counters(burst);
            assertEquals(0, trimmed.get("tinypool.retained-bytes"));
            assertEquals(trimmed.get("tinypool.slabs-released") * Units.UNIT_BYTES, os.releasedBytes.get(),
                    "and the kept ones");
            assertNotEquals(0, burst.allocate(64, 8, false), "released slabs serve again");
        } finally {
            burst.close();
        }
    }

    /**
     * A parser's pattern: a working set built, freed whole, built again. Within the retain window its slabs stay
     * resident (no page given back, none carved anew); trim still gives them back.
     */
    @Test
    void aWorkingSetFreedAndBuiltAgainWithinTheWindowStaysResident() {
        TinyPool windowed = TestPools.tiny(64L << 20, 0, Duration.ofHours(1), null);
        try {
            long[] live = new long[256 << 10]; // 16 MiB of 64 B blocks
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < live.length; i++) {
                    live[i] = windowed.allocate(64, 8, false);
                    MEMORY.set(ValueLayout.JAVA_BYTE, live[i], (byte) round);
                }
                for (long address : live) {
                    windowed.free(address, 64, false);
                }
            }
            Map<String, Long> counters = counters(windowed);
            assertEquals(0, counters.get("tinypool.slabs-released"), counters::toString);
            assertEquals(256, counters.get("tinypool.slabs"), "carved once, reused twice: " + counters);
            windowed.trim(0);
            assertEquals(0, counters(windowed).get("tinypool.retained-bytes"));
        } finally {
            windowed.close();
        }
    }

    /** A pool closed at the end of a try block. */
    record Closing(TinyPool pool) implements AutoCloseable {
        @Override
        public void close() {
            pool.close();
        }
    }

    /**
     * A double free by the owner and another thread at once, step by step: the other thread's CAS wins, the owner's
     * plain store overwrites it, the other thread's remote bit lands late (stale), and the owner hands the block out
     * again. The counts still see the block live, and the owner's collection drops the stale bit, leaving it live.
     */
    @Test
    void aStaleRemoteBitHidesNoLiveBlockAndFreesNothing() {
        long p = pool.allocate(16, 8, false);
        Slab slab = pool.units[(int) ((p - pool.base) >>> Units.UNIT_SHIFT)];
        int block = (int) ((p - slab.base) >>> slab.blockShift);
        short recorded = slab.requestedShort[block];
        // the steps of the other thread's free and the owner's, in this order, on one thread: none checks which
        assertTrue(pool.claim(slab, block, recorded, Slab.REMOTE), "the other thread's CAS");
        pool.freeBlock(slab, block, recorded, false, p); // the owner's free, which had matched the request before
        assertTrue(slab.markRemotelyFreed(block >>> 6, 1L << block), "the other thread's bit, now stale");
        if (slab.claimRemotePending()) {
            slab.owner.pushRemote(slab);
        }
        assertEquals(p, pool.allocate(16, 8, false), "the block handed out again");
        assertEquals(1, pool.allocations() - pool.frees());
        assertEquals(16, pool.liveBytes());

        pool.trim(Long.MAX_VALUE); // collects the stale bit
        assertEquals(1, counters(pool).get("tinypool.refused-frees"));
        assertEquals(1, pool.allocations() - pool.frees());
        pool.free(p, 16, false); // still live: freed once, here
        assertEquals(0, pool.liveBytes());
    }
}
