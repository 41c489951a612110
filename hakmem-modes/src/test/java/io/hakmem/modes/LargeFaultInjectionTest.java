package io.hakmem.modes;

import io.hakmem.Hakmem;
import io.hakmem.HakmemStats;
import io.hakmem.Mode;
import io.hakmem.spi.OsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static io.hakmem.modes.AllocatorContract.assertPattern;
import static io.hakmem.modes.AllocatorContract.fillWithPattern;
import static io.hakmem.modes.LargeBlockFixtures.MIB;
import static io.hakmem.modes.LayeringTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** OS failures on the large-block path with BigCache and the batch on, injected through the OS seam. */
class LargeFaultInjectionTest {
    private final FaultInjectingOs os = new FaultInjectingOs();
    private Hakmem hakmem;

    @BeforeEach
    void open() {
        hakmem = Compositions.with().mode(Mode.MINIMAL).feature("bigcache", true).feature("batch", true)
                .set("idle-release.delay", "0").set("batch.flush-blocks", "2")
                .os(os).compose().allocator();
    }

    @AfterEach
    void close() {
        hakmem.close();
    }

    /** Four 1 MiB blocks in the cache, two in the batch (flushed and retained), one live block. */
    private MemorySegment holdFreedMemory() {
        List<MemorySegment> blocks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            blocks.add(hakmem.allocate(MIB));
        }
        blocks.forEach(hakmem::free);
        MemorySegment a = hakmem.allocate(17 * MIB);
        MemorySegment b = hakmem.allocate(17 * MIB);
        hakmem.free(a);
        hakmem.free(b);
        MemorySegment live = hakmem.allocate(3 * MIB);
        fillWithPattern(live, 5);
        HakmemStats stats = hakmem.stats();
        assertEquals(4 * MIB, stats.get("bigcache.bytes"));
        assertEquals(34 * MIB, stats.get("batch.retained-bytes"));
        return live;
    }

    @Test
    void mmapExhaustionFirstGivesTheCachedAndBatchedMemoryBack() {
        MemorySegment live = holdFreedMemory();
        hakmem.free(hakmem.allocate(4 * MIB)); // 4 MiB cached too
        HakmemStats before = hakmem.stats();
        os.failMaps.set(1);
        MemorySegment block = hakmem.allocate(6 * MIB); // a miss: mmap fails once, then succeeds
        fillWithPattern(block, 9);
        HakmemStats after = hakmem.stats();
        assertEquals(1, after.get("large.mmap-retries"));
        assertEquals(0, after.get("bigcache.bytes"), "the cache gave everything back");
        assertEquals(0, after.get("batch.retained-bytes"), "so did the batch");
        assertEquals(before.mappedBytes() - 8 * MIB - 34 * MIB + 6 * MIB, after.mappedBytes());
        assertPattern(live, 5);
        assertPattern(block, 9);
        hakmem.free(block);
        hakmem.free(live);
    }

    @Test
    void mmapExhaustionAfterTheReleaseIsAnOutOfMemoryErrorNamingTheSizeAndTheAllocatorGoesOn() {
        MemorySegment live = holdFreedMemory();
        os.failMaps.set(2);
        OutOfMemoryError e = assertThrows(OutOfMemoryError.class, () -> hakmem.allocate(6 * MIB));
        assertMessage(e, String.valueOf(6 * MIB), "ENOMEM");
        assertEquals(1, hakmem.stats().get("large.mmap-retries-failed"));
        assertPattern(live, 5);
        MemorySegment next = hakmem.allocate(6 * MIB);
        fillWithPattern(next, 1);
        hakmem.free(next);
        hakmem.free(live);
        HakmemStats stats = hakmem.stats();
        assertEquals(stats.allocations(), stats.frees());
        assertEquals(0, stats.liveBytes());
    }

    @Test
    void whereTheKernelRefusesMadvFreeTheBatchUsesDontneed() {
        MemorySegment a = hakmem.allocate(17 * MIB);
        MemorySegment b = hakmem.allocate(17 * MIB);
        os.refuseAdvice.set(1);
        hakmem.free(a);
        hakmem.free(b); // the flush: a's MADV_FREE is refused
        HakmemStats stats = hakmem.stats();
        assertEquals(1, stats.get("batch.madvise-refused"));
        assertEquals(3, stats.get("batch.madvise"), "FREE refused + DONTNEED for a, FREE for b");
        assertEquals(34 * MIB, stats.get("batch.bytes-released"));
    }

    @Test
    void aFailedUnmapInTrimIsReportedTheRestIsReleasedAndNothingIsFreedTwice() {
        MemorySegment live = holdFreedMemory();
        HakmemStats before = hakmem.stats();
        os.failUnmaps.set(1);
        OsException e = assertThrows(OsException.class, hakmem::trim);
        assertMessage(e, "munmap", "EINVAL");
        HakmemStats after = hakmem.stats();
        assertEquals(0, after.get("bigcache.bytes"));
        assertEquals(0, after.get("batch.retained-bytes"));
        assertEquals(before.get("batch.munmaps") + 5, after.get("batch.munmaps"), "six blocks, one refused");
        hakmem.trim();
        assertPattern(live, 5);
        hakmem.free(live);
        assertThrows(IllegalStateException.class, () -> hakmem.free(live));
    }

    @Test
    void aBlockMunmapLeavesMappedStaysInTheBatchAndTheNextTrimUnmapsIt() {
        MemorySegment live = holdFreedMemory();
        long mappedBefore = hakmem.stats().get("os.mapped-bytes");
        os.unmapsOutOfMaps.set(1);
        OsException e = assertThrows(OsException.class, hakmem::trim);
        assertMessage(e, "munmap", "ENOMEM");
        HakmemStats after = hakmem.stats();
        assertEquals(1, after.get("batch.munmaps-refused"));
        assertEquals(1, after.get("batch.retained-blocks"), "the refused block, kept instead of leaked");
        hakmem.trim();
        HakmemStats trimmed = hakmem.stats();
        assertEquals(0, trimmed.get("batch.retained-bytes"));
        assertEquals(mappedBefore - 38 * MIB, trimmed.get("os.mapped-bytes"), "every freed block unmapped at last");
        assertPattern(live, 5);
        hakmem.free(live);
    }
}
