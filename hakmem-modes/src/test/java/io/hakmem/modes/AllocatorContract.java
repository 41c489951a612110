package io.hakmem.modes;

import io.hakmem.Hakmem;
import io.hakmem.HakmemStats;
import io.hakmem.Site;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API contract every allocator composition must keep (Netty's allocator tests are built this way):
 * one subclass per composition supplies {@link #newAllocator()}.
 */
abstract class AllocatorContract {
    static final long KIB = 1024;
    static final long MIB = 1024 * KIB;

    Hakmem hakmem;

    abstract Hakmem newAllocator();

    @BeforeEach
    void open() {
        hakmem = newAllocator();
    }

    @AfterEach
    void close() {
        hakmem.close();
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 7, 16, 64, 1000, 1024, 4096, 64 * KIB, 256 * KIB - 1, 256 * KIB, MIB, 2 * MIB,
            3 * MIB + 5, 8 * MIB, 17 * MIB, 64 * MIB})
    void blocksHaveTheirSizeAndKeepTheirContents(long size) {
        MemorySegment block = hakmem.allocate(size, 8);
        assertEquals(size, block.byteSize());
        fillWithPattern(block, size);
        assertPattern(block, size);
        hakmem.free(block);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096})
    void blocksAreAligned(long alignment) {
        for (long size : new long[] {1, 24, 100, 5000, 300 * KIB}) {
            MemorySegment block = hakmem.allocate(size, alignment);
            assertEquals(0, block.address() % alignment, () -> size + " bytes aligned to " + alignment);
            block.fill((byte) 1);
            hakmem.free(block);
        }
    }

    @Test
    void liveBlocksNeverOverlapAndKeepTheirContents() {
        Random random = new Random(42);
        List<MemorySegment> live = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            if (!live.isEmpty() && random.nextInt(3) == 0) {
                MemorySegment victim = live.remove(random.nextInt(live.size()));
                assertPattern(victim, victim.address());
                hakmem.free(victim);
            } else {
                long size = random.nextInt(4) == 0 ? random.nextInt(600 * 1024) : 1 + random.nextInt(2048);
                MemorySegment block = hakmem.allocate(size, 1L << random.nextInt(7));
                fillWithPattern(block, block.address());
                live.add(block);
            }
        }
        List<MemorySegment> sorted = new ArrayList<>(live);
        sorted.sort((a, b) -> Long.compareUnsigned(a.address(), b.address()));
        for (int i = 1; i < sorted.size(); i++) {
            MemorySegment previous = sorted.get(i - 1);
            assertTrue(previous.address() + previous.byteSize() <= sorted.get(i).address(), "blocks overlap");
        }
        for (MemorySegment block : live) {
            assertPattern(block, block.address());
            hakmem.free(block);
        }
    }

    @Test
    void countersBalance() {
        HakmemStats before = hakmem.stats();
        List<MemorySegment> blocks = new ArrayList<>();
        for (long size : new long[] {0, 8, 100, 4000, 70_000, 300_000, 3 * MIB}) {
            blocks.add(hakmem.allocate(size));
        }
        HakmemStats during = hakmem.stats();
        assertEquals(before.allocations() + blocks.size(), during.allocations());
        assertEquals(before.liveBytes() + 8 + 100 + 4000 + 70_000 + 300_000 + 3 * MIB, during.liveBytes());
        blocks.forEach(hakmem::free);
        HakmemStats after = hakmem.stats();
        assertEquals(after.allocations(), after.frees());
        assertEquals(0, after.liveBytes());
        assertEquals(blocks.size(), served(after) - served(before), () -> "each block counted on one path: " + after);
        assertTrue(after.counters().keySet().containsAll(List.of(HakmemStats.RESIDENT_BYTES,
                HakmemStats.MINOR_FAULTS, HakmemStats.MAJOR_FAULTS)), () -> "the process's memory is reported: " + after);
    }

    /** Blocks served so far, by whichever path: malloc, mmap, TinyPool or MidPool. */
    private static long served(HakmemStats stats) {
        return stats.get("path.malloc") + stats.get("path.mapped") + stats.get("tinypool.hits")
                + stats.get("midpool.hits");
    }

    @Test
    void zeroLengthBlocksAreValidAndFreed() {
        MemorySegment empty = hakmem.allocate(0);
        assertEquals(0, empty.byteSize());
        hakmem.free(empty);
        assertThrows(IllegalStateException.class, () -> hakmem.free(empty));
    }

    @Test
    void badSizesAndAlignmentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> hakmem.allocate(-1, 8));
        assertThrows(IllegalArgumentException.class, () -> hakmem.allocate(16, 3));
        assertThrows(IllegalArgumentException.class, () -> hakmem.allocate(16, 0));
        assertThrows(IllegalArgumentException.class, () -> hakmem.allocate(16, -8));
        // the edges of each range: a negative alignment with one bit set, the first size and alignment refused
        // before any memory is asked for (the OS's own refusals have other messages)
        assertThrows(IllegalArgumentException.class, () -> hakmem.allocate(16, Long.MIN_VALUE));
        assertThrows(IllegalArgumentException.class, () -> hakmem.allocate(Long.MIN_VALUE, 8));
        for (long[] request : new long[][] {{16, 1L << 49}, {(1L << 48) + 1, 8}}) {
            OutOfMemoryError refused = assertThrows(OutOfMemoryError.class,
                    () -> hakmem.allocate(request[0], request[1]));
            assertTrue(refused.getMessage().contains("larger than any address space"), refused.getMessage());
        }
        OutOfMemoryError huge = assertThrows(OutOfMemoryError.class, () -> hakmem.allocate(Long.MAX_VALUE, 1));
        assertTrue(huge.getMessage().contains(String.valueOf(Long.MAX_VALUE)), huge.getMessage());
        long refused = Overcommit.refusedBytes();
        OutOfMemoryError unmappable = assertThrows(OutOfMemoryError.class, () -> hakmem.allocate(refused, 1),
                () -> "vm.overcommit_memory = " + Overcommit.mode() + " promises to refuse " + refused + " bytes");
        assertTrue(unmappable.getMessage().contains(String.valueOf(refused)), unmappable.getMessage());
        stillWorks();
    }

    @Test
    void foreignSegmentsAreRefused() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment other = arena.allocate(64);
            assertThrows(IllegalArgumentException.class, () -> hakmem.free(other));
        }
        assertThrows(IllegalArgumentException.class, () -> hakmem.free(MemorySegment.ofArray(new byte[16])));
        assertThrows(IllegalArgumentException.class, () -> hakmem.free(MemorySegment.NULL));
        stillWorks();
    }

    @ParameterizedTest
    @ValueSource(longs = {64, 4096, 300 * KIB, 3 * MIB})
    void interiorSlicesAreRefused(long size) {
        MemorySegment block = hakmem.allocate(size, 16);
        fillWithPattern(block, 7);
        assertThrows(IllegalArgumentException.class, () -> hakmem.free(block.asSlice(16)));
        assertThrows(IllegalArgumentException.class, () -> hakmem.free(block.asSlice(0, size / 2)));
        assertPattern(block, 7);
        hakmem.free(block);
        stillWorks();
    }

    @ParameterizedTest
    @ValueSource(longs = {64, 4096, 300 * KIB, 3 * MIB})
    void doubleFreesAreRefused(long size) {
        MemorySegment block = hakmem.allocate(size, 16);
        MemorySegment neighbour = hakmem.allocate(size, 16);
        fillWithPattern(neighbour, 3);
        hakmem.free(block);
        assertThrows(IllegalStateException.class, () -> hakmem.free(block));
        assertPattern(neighbour, 3);
        hakmem.free(neighbour);
        stillWorks();
    }

    @Test
    void arenaSegmentsAreZeroedScopedAndFreedOnClose() {
        MemorySegment kept;
        HakmemStats before = hakmem.stats();
        try (Arena arena = hakmem.newArena()) {
            // Dirty memory first, so that zeroing is what makes the arena's blocks zero.
            for (int i = 0; i < 4; i++) {
                MemorySegment dirty = hakmem.allocate(100);
                dirty.fill((byte) 0x5A);
                hakmem.free(dirty);
            }
            kept = arena.allocate(100);
            for (long i = 0; i < 100; i++) {
                assertEquals(0, kept.get(ValueLayout.JAVA_BYTE, i));
            }
            MemorySegment large = arena.allocate(3 * MIB, 4096);
            assertEquals(0, large.address() % 4096);
            large.set(ValueLayout.JAVA_LONG, 8, 42);
            MemorySegment values = arena.allocateFrom(ValueLayout.JAVA_INT, 1, 2, 3);
            assertEquals(3, values.get(ValueLayout.JAVA_INT, 8));
            assertThrows(IllegalArgumentException.class, () -> hakmem.free(values));
            assertTrue(kept.scope().isAlive());
        }
        MemorySegment closedSegment = kept;
        assertThrows(IllegalStateException.class, () -> closedSegment.get(ValueLayout.JAVA_BYTE, 0));
        HakmemStats after = hakmem.stats();
        assertEquals(before.liveBytes(), after.liveBytes());
        assertEquals(after.allocations(), after.frees());
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void arenasAreConfined() throws InterruptedException {
        try (Arena arena = hakmem.newArena()) {
            Throwable[] thrown = new Throwable[1];
            Thread other = new Thread(() -> {
                try {
                    arena.allocate(8);
                } catch (Throwable t) {
                    thrown[0] = t;
                }
            });
            other.start();
            other.join();
            assertTrue(thrown[0] instanceof WrongThreadException, String.valueOf(thrown[0]));
            assertEquals("Attempted access outside owning thread", thrown[0].getMessage(),
                    "the JDK's arenas' wording, which code written against them matches on");
        }
    }

    /** As the JDK's arenas do: a cleanup action that throws still lets close free the memory, then rethrows. */
    @Test
    void anArenaFreesItsBlocksWhenACleanupActionThrows() {
        HakmemStats before = hakmem.stats();
        Arena arena = hakmem.newArena();
        MemorySegment block = arena.allocate(MIB);
        MemorySegment small = arena.allocate(100);
        MemorySegment.ofAddress(block.address()).reinterpret(8, arena, ignored -> {
            throw new IllegalArgumentException("the user's cleanup failed");
        });
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, arena::close);
        assertEquals("the user's cleanup failed", thrown.getMessage());
        assertFalse(arena.scope().isAlive());
        assertThrows(IllegalStateException.class, () -> small.get(ValueLayout.JAVA_BYTE, 0));
        HakmemStats after = hakmem.stats();
        assertEquals(before.liveBytes(), after.liveBytes(), "the arena's blocks were freed");
        assertEquals(after.allocations(), after.frees());
        assertThrows(IllegalStateException.class, arena::close, "a second close says it is closed, frees nothing");
        assertEquals(after.frees(), hakmem.stats().frees());
        stillWorks();
    }

    @Test
    void sitesAllocateAndCount() {
        Site json = hakmem.site("json");
        assertEquals(json, hakmem.site("json"));
        MemorySegment a = json.allocate(64 * KIB);
        MemorySegment b = json.allocate(300 * KIB, 64);
        hakmem.free(a);
        hakmem.free(b);
        assertThrows(IllegalArgumentException.class, () -> json.allocate(-1));
        assertThrows(OutOfMemoryError.class, () -> json.allocate(Long.MAX_VALUE));
        assertEquals(2, hakmem.stats().get("site.json.allocations"), "failed requests are not counted");
        assertEquals(364 * KIB, hakmem.stats().get("site.json.bytes"));
        assertThrows(IllegalArgumentException.class, () -> hakmem.site(" "));
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void anyThreadMayFreeAnyBlock() throws InterruptedException {
        List<MemorySegment> blocks = new ArrayList<>();
        for (long size : new long[] {16, 100, 5000, 300 * KIB, 2 * MIB}) {
            blocks.add(hakmem.allocate(size));
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                blocks.forEach(hakmem::free);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        other.start();
        other.join();
        assertNull(failure.get(), () -> "the other thread's free failed: " + failure.get());
        assertEquals(0, hakmem.stats().liveBytes());
    }

    @Test
    void closeInvalidatesEverything() {
        MemorySegment block = hakmem.allocate(1000);
        MemorySegment large = hakmem.allocate(2 * MIB);
        Site site = hakmem.site("s");
        hakmem.close();
        assertThrows(IllegalStateException.class, () -> block.get(ValueLayout.JAVA_BYTE, 0));
        assertThrows(IllegalStateException.class, () -> large.get(ValueLayout.JAVA_BYTE, 0));
        assertThrows(IllegalStateException.class, () -> hakmem.allocate(8));
        assertThrows(IllegalStateException.class, () -> site.allocate(8));
        assertThrows(IllegalStateException.class, () -> hakmem.free(block));
        assertThrows(IllegalStateException.class, hakmem::stats);
        assertThrows(IllegalStateException.class, hakmem::trim);
        assertThrows(IllegalStateException.class, hakmem::newArena);
        hakmem.close(); // idempotent
    }

    /** Blocks by address, written through a global segment as Arrow and Netty write them. */
    static final MemorySegment MEMORY = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

    @ParameterizedTest
    @ValueSource(longs = {0, 24, 1024, 5000, 200 * KIB, 300 * KIB, 3 * MIB})
    void blocksByAddressAreValidatedAsSegmentsAre(long size) {
        long address = hakmem.allocateAddress(size, 64);
        assertEquals(0, address % 64);
        MemorySegment block = MEMORY.asSlice(address, size);
        fillWithPattern(block, size);
        MemorySegment segment = hakmem.allocate(Math.max(size, 8));
        assertThrows(IllegalArgumentException.class, () -> hakmem.freeAddress(segment.address(), segment.byteSize()),
                "a segment is freed as a segment");
        assertThrows(IllegalArgumentException.class, () -> hakmem.freeAddress(address + 64, Math.max(0, size - 64)),
                "interior");
        assertThrows(IllegalArgumentException.class, () -> hakmem.freeAddress(address, size + 1), "not its size");
        assertPattern(block, size);
        assertEquals(1, hakmem.stats().get("pinned-blocks"));
        hakmem.freeAddress(address, size);
        assertThrows(IllegalStateException.class, () -> hakmem.freeAddress(address, size), "a second free");
        hakmem.free(segment);
        assertEquals(0, hakmem.stats().get("pinned-blocks"));
        assertEquals(hakmem.stats().allocations(), hakmem.stats().frees());
        stillWorks();
    }

    /**
     * The lifecycle the integrations rely on: close invalidates every segment, but blocks handed out by address
     * keep their memory until freed, freeing them works after close, and the pools go once the last is back.
     */
    @Test
    void blocksByAddressOutliveCloseUntilFreed() throws InterruptedException {
        long[] sizes = {16, 700, 3000, 100 * KIB, 300 * KIB, 3 * MIB};
        long[] addresses = new long[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            addresses[i] = hakmem.site("integration").allocateAddress(sizes[i], 8);
            fillWithPattern(MEMORY.asSlice(addresses[i], sizes[i]), i);
        }
        MemorySegment segment = hakmem.allocate(100);
        hakmem.close();
        assertThrows(IllegalStateException.class, () -> segment.get(ValueLayout.JAVA_BYTE, 0));
        assertThrows(IllegalStateException.class, () -> hakmem.allocateAddress(8, 8));
        for (int i = 0; i < sizes.length; i++) {
            assertPattern(MEMORY.asSlice(addresses[i], sizes[i]), i); // still mapped, still ours
        }
        Thread other = new Thread(() -> {
            for (int i = 0; i < sizes.length - 1; i++) {
                hakmem.freeAddress(addresses[i], sizes[i]);
            }
        });
        other.start();
        other.join();
        assertPattern(MEMORY.asSlice(addresses[sizes.length - 1], sizes[sizes.length - 1]), sizes.length - 1);
        assertThrows(IllegalStateException.class, () -> hakmem.freeAddress(addresses[0], sizes[0]), "a second free");
        hakmem.freeAddress(addresses[sizes.length - 1], sizes[sizes.length - 1]); // the last: the pools go now
        hakmem.close(); // idempotent
    }

    @Test
    void trimKeepsLiveBlocks() {
        MemorySegment block = hakmem.allocate(3 * MIB);
        fillWithPattern(block, 11);
        hakmem.trim();
        assertPattern(block, 11);
        hakmem.free(block);
    }

    // The SegmentAllocator contract, as the JDK's TestSegmentAllocators checks it for its own allocators.

    @Test
    void allocateFromEveryLayoutKeepsTheValue() {
        MemorySegment b = hakmem.allocateFrom(ValueLayout.JAVA_BYTE, (byte) -7);
        MemorySegment c = hakmem.allocateFrom(ValueLayout.JAVA_CHAR, 'h');
        MemorySegment s = hakmem.allocateFrom(ValueLayout.JAVA_SHORT, (short) -300);
        MemorySegment i = hakmem.allocateFrom(ValueLayout.JAVA_INT, 42);
        MemorySegment f = hakmem.allocateFrom(ValueLayout.JAVA_FLOAT, 1.5f);
        MemorySegment l = hakmem.allocateFrom(ValueLayout.JAVA_LONG, Long.MIN_VALUE);
        MemorySegment d = hakmem.allocateFrom(ValueLayout.JAVA_DOUBLE, Math.PI);
        MemorySegment a = hakmem.allocateFrom(ValueLayout.ADDRESS, i);
        assertEquals(-7, b.get(ValueLayout.JAVA_BYTE, 0));
        assertEquals('h', c.get(ValueLayout.JAVA_CHAR, 0));
        assertEquals(-300, s.get(ValueLayout.JAVA_SHORT, 0));
        assertEquals(42, i.get(ValueLayout.JAVA_INT, 0));
        assertEquals(1.5f, f.get(ValueLayout.JAVA_FLOAT, 0));
        assertEquals(Long.MIN_VALUE, l.get(ValueLayout.JAVA_LONG, 0));
        assertEquals(Math.PI, d.get(ValueLayout.JAVA_DOUBLE, 0));
        assertEquals(i.address(), a.get(ValueLayout.ADDRESS, 0).address());
        for (MemorySegment segment : List.of(b, c, s, i, f, l, d, a)) {
            assertEquals(0, segment.address() % segment.byteSize(), "naturally aligned");
            hakmem.free(segment);
        }
    }

    @Test
    void allocateFromArraysOfEveryLayoutKeepsTheElements() {
        MemorySegment bytes = hakmem.allocateFrom(ValueLayout.JAVA_BYTE, new byte[] {1, 2, 3});
        MemorySegment chars = hakmem.allocateFrom(ValueLayout.JAVA_CHAR, 'a', 'b');
        MemorySegment shorts = hakmem.allocateFrom(ValueLayout.JAVA_SHORT, (short) 1, (short) 2);
        MemorySegment ints = hakmem.allocateFrom(ValueLayout.JAVA_INT, 1, 2, 3, 4);
        MemorySegment floats = hakmem.allocateFrom(ValueLayout.JAVA_FLOAT, 1f, 2f);
        MemorySegment longs = hakmem.allocateFrom(ValueLayout.JAVA_LONG, 5L, 6L, 7L);
        MemorySegment doubles = hakmem.allocateFrom(ValueLayout.JAVA_DOUBLE, 0.5, 0.25);
        MemorySegment text = hakmem.allocateFrom("hakmem");
        assertArrayEquals(new byte[] {1, 2, 3}, bytes.toArray(ValueLayout.JAVA_BYTE));
        assertArrayEquals(new char[] {'a', 'b'}, chars.toArray(ValueLayout.JAVA_CHAR));
        assertArrayEquals(new short[] {1, 2}, shorts.toArray(ValueLayout.JAVA_SHORT));
        assertArrayEquals(new int[] {1, 2, 3, 4}, ints.toArray(ValueLayout.JAVA_INT));
        assertArrayEquals(new float[] {1f, 2f}, floats.toArray(ValueLayout.JAVA_FLOAT));
        assertArrayEquals(new long[] {5, 6, 7}, longs.toArray(ValueLayout.JAVA_LONG));
        assertArrayEquals(new double[] {0.5, 0.25}, doubles.toArray(ValueLayout.JAVA_DOUBLE));
        assertEquals("hakmem", text.getString(0));
        MemorySegment empty = hakmem.allocateFrom(ValueLayout.JAVA_INT, new int[0]);
        assertEquals(0, empty.byteSize());
        for (MemorySegment segment : List.of(bytes, chars, shorts, ints, floats, longs, doubles, text, empty)) {
            hakmem.free(segment);
        }
    }

    @Test
    void layoutsAndCountsAreChecked() {
        MemorySegment aligned = hakmem.allocate(java.lang.foreign.MemoryLayout.sequenceLayout(10, ValueLayout.JAVA_LONG));
        assertEquals(80, aligned.byteSize());
        assertEquals(0, aligned.address() % 8);
        hakmem.free(aligned);
        MemorySegment counted = hakmem.allocate(ValueLayout.JAVA_INT, 5);
        assertEquals(20, counted.byteSize());
        hakmem.free(counted);
        assertThrows(IllegalArgumentException.class, () -> hakmem.allocate(ValueLayout.JAVA_LONG, -1));
        assertThrows(IllegalArgumentException.class, () -> hakmem.allocate(ValueLayout.JAVA_LONG, Long.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> hakmem.allocate(-1));
        assertThrows(OutOfMemoryError.class, () -> hakmem.allocate(Long.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> hakmem.allocate(8, 12));
        stillWorks();
    }

    @Test
    void readOnlySegmentsAreRefusedAsSources() {
        MemorySegment readOnly = MemorySegment.ofArray(new int[] {1, 2}).asReadOnly();
        MemorySegment copy = hakmem.allocateFrom(ValueLayout.JAVA_INT, readOnly, ValueLayout.JAVA_INT, 0, 2);
        assertArrayEquals(new int[] {1, 2}, copy.toArray(ValueLayout.JAVA_INT));
        assertThrows(IllegalArgumentException.class, () -> hakmem.free(readOnly));
        hakmem.free(copy);
    }

    /**
     * Random sequences of allocate, free, trim and arena operations against a model of the live blocks: no two
     * live blocks overlap, every block keeps its contents, and the counters agree with the model at the end.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void randomOperationsAgreeWithAModel(long seed) {
        Random random = new Random(seed);
        java.util.TreeMap<Long, MemorySegment> live = new java.util.TreeMap<>(Long::compareUnsigned);
        for (int step = 0; step < 1_500; step++) {
            int action = random.nextInt(20);
            if (action < 10 || live.isEmpty()) {
                long size = switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(1025);
                    case 1 -> random.nextInt(64 * 1024);
                    case 2 -> 200 * KIB + random.nextInt(400 * 1024);
                    default -> random.nextInt(100) == 0 ? 3 * MIB + random.nextInt(1 << 20) : random.nextInt(256);
                };
                MemorySegment block = hakmem.allocate(size, 1L << random.nextInt(8));
                assertNoOverlap(live, block);
                fillWithPattern(block, block.address() ^ seed);
                live.put(block.address(), block);
            } else if (action < 18) {
                MemorySegment victim = live.remove(nth(live, random.nextInt(live.size())));
                assertPattern(victim, victim.address() ^ seed);
                hakmem.free(victim);
            } else if (action == 18) {
                hakmem.trim();
            } else {
                try (Arena arena = hakmem.newArena()) {
                    MemorySegment scratch = arena.allocate(1 + random.nextInt(300 * 1024));
                    assertNoOverlap(live, scratch);
                    assertEquals(0, scratch.get(ValueLayout.JAVA_BYTE, scratch.byteSize() - 1));
                }
            }
        }
        for (MemorySegment block : live.values()) {
            assertPattern(block, block.address() ^ seed);
        }
        HakmemStats stats = hakmem.stats();
        assertEquals(live.size(), stats.allocations() - stats.frees());
        assertEquals(live.values().stream().mapToLong(MemorySegment::byteSize).sum(), stats.liveBytes());
        live.values().forEach(hakmem::free);
    }

    private static long nth(java.util.TreeMap<Long, MemorySegment> live, int n) {
        return live.keySet().stream().skip(n).findFirst().orElseThrow();
    }

    private static void assertNoOverlap(java.util.TreeMap<Long, MemorySegment> live, MemorySegment block) {
        if (block.byteSize() == 0) {
            return;
        }
        java.util.Map.Entry<Long, MemorySegment> below = live.floorEntry(block.address());
        if (below != null && below.getValue().byteSize() > 0) {
            assertTrue(below.getValue().address() + below.getValue().byteSize() <= block.address(), "overlaps below");
        }
        java.util.Map.Entry<Long, MemorySegment> above = live.higherEntry(block.address());
        if (above != null) {
            assertTrue(block.address() + block.byteSize() <= above.getValue().address(), "overlaps above");
        }
    }

    void stillWorks() {
        MemorySegment block = hakmem.allocate(128, 8);
        block.fill((byte) 9);
        hakmem.free(block);
    }

    /** One long per 4 KiB page and at both ends: cheap for 8 MiB blocks, still catches overlap. */
    static void fillWithPattern(MemorySegment block, long seed) {
        for (long offset : patternOffsets(block.byteSize())) {
            block.set(ValueLayout.JAVA_BYTE, offset, (byte) (seed * 31 + offset));
        }
    }

    static void assertPattern(MemorySegment block, long seed) {
        for (long offset : patternOffsets(block.byteSize())) {
            assertEquals((byte) (seed * 31 + offset), block.get(ValueLayout.JAVA_BYTE, offset), "byte " + offset);
        }
    }

    private static long[] patternOffsets(long size) {
        if (size == 0) {
            return new long[0];
        }
        int pages = (int) ((size + 4095) / 4096);
        long[] offsets = new long[Math.min((int) size, pages + 16)];
        int n = 0;
        for (long offset = 0; offset < size && n < offsets.length; offset += 4096) {
            offsets[n++] = offset;
        }
        for (long offset = size - 1; offset >= 0 && n < offsets.length; offset--) {
            offsets[n++] = offset;
        }
        return offsets;
    }

    @SuppressWarnings("unused")
    static void assertSameBytes(byte[] expected, MemorySegment block) {
        assertArrayEquals(expected, block.toArray(ValueLayout.JAVA_BYTE));
    }
}
