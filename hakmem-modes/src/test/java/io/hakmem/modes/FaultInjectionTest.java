package io.hakmem.modes;

import io.hakmem.Hakmem;
import io.hakmem.HakmemStats;
import io.hakmem.Mode;
import io.hakmem.spi.OsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static io.hakmem.modes.AllocatorContract.assertPattern;
import static io.hakmem.modes.AllocatorContract.fillWithPattern;
import static io.hakmem.modes.LayeringTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** OS failures, injected through the OS seam: clear errors, live blocks intact, the allocator still works. */
class FaultInjectionTest {
    private final FaultInjectingOs os = new FaultInjectingOs();
    private Hakmem hakmem;

    @BeforeEach
    void open() {
        hakmem = Compositions.with().mode(Mode.MINIMAL).os(os).compose().allocator();
    }

    @AfterEach
    void close() {
        hakmem.close();
    }

    @Test
    void mmapExhaustionIsAnOutOfMemoryErrorAndNothingIsLost() {
        MemorySegment live = hakmem.allocate(3 << 20);
        fillWithPattern(live, 5);
        os.failMaps.set(1);
        OutOfMemoryError e = assertThrows(OutOfMemoryError.class, () -> hakmem.allocate(2 << 20));
        assertMessage(e, String.valueOf(2 << 20));
        assertPattern(live, 5);
        MemorySegment next = hakmem.allocate(2 << 20);
        hakmem.free(next);
        hakmem.free(live);
        assertEquals(0, hakmem.stats().liveBytes());
    }

    @Test
    void mallocExhaustionIsAnOutOfMemoryError() {
        os.failMallocs.set(2);
        assertThrows(OutOfMemoryError.class, () -> hakmem.allocate(100));
        assertThrows(OutOfMemoryError.class, () -> hakmem.allocate(100, 64));
        hakmem.free(hakmem.allocate(100));
        assertEquals(hakmem.stats().allocations(), hakmem.stats().frees());
    }

    @Test
    void aFailedUnmapIsReportedAndTheBlockIsNotFreedTwice() {
        MemorySegment block = hakmem.allocate(1 << 20);
        os.failUnmaps.set(1);
        OsException e = assertThrows(OsException.class, () -> hakmem.free(block));
        assertMessage(e, "munmap", "EINVAL");
        assertThrows(IllegalStateException.class, () -> hakmem.free(block));
        hakmem.free(hakmem.allocate(1 << 20));
    }

    /** The block was freed before its munmap failed: leak detection and the trace must not keep it live. */
    @Test
    void aFreeWhoseUnmapFailsIsSeenAsAFreeByLeakDetection() {
        try (Hakmem watched = Compositions.with().mode(Mode.MINIMAL).set("leak-detection.level", "paranoid").os(os)
                .compose().allocator()) {
            MemorySegment block = watched.allocate(1 << 20);
            os.failUnmaps.set(1);
            assertThrows(OsException.class, () -> watched.free(block));
            assertEquals(0, watched.stats().get("leaks.watched"), "no live block is watched");
            assertThrows(IllegalStateException.class, () -> watched.free(block), "freed: a second free is refused");
        }
    }

    @Test
    void aRangeMunmapLeftMappedIsUnmappedByTheNextLargeFreeOrTrim() {
        long mappedAtStart = hakmem.stats().get("os.mapped-bytes");
        MemorySegment first = hakmem.allocate(1 << 20);
        MemorySegment second = hakmem.allocate(1 << 20);
        os.unmapsOutOfMaps.set(1);
        OsException e = assertThrows(OsException.class, () -> hakmem.free(first));
        assertMessage(e, "munmap", "ENOMEM");
        assertEquals(1, hakmem.stats().get("large.munmaps-waiting"));
        assertThrows(IllegalStateException.class, () -> hakmem.free(first), "freed all the same: a double free");
        hakmem.free(second);
        HakmemStats stats = hakmem.stats();
        assertEquals(0, stats.get("large.munmaps-waiting"));
        assertEquals(1, stats.get("large.munmaps-retried"));
        assertEquals(mappedAtStart, stats.get("os.mapped-bytes"), "both ranges unmapped");

        MemorySegment third = hakmem.allocate(1 << 20);
        os.unmapsOutOfMaps.set(1);
        assertThrows(OsException.class, () -> hakmem.free(third));
        hakmem.trim();
        assertEquals(mappedAtStart, hakmem.stats().get("os.mapped-bytes"), "trim tries it again too");
        assertEquals(2, hakmem.stats().get("large.munmaps-refused"));
    }
}
