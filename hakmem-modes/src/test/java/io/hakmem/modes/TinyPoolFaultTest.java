package io.hakmem.modes;

import io.hakmem.Hakmem;
import io.hakmem.HakmemStats;
import io.hakmem.Mode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static io.hakmem.modes.AllocatorContract.assertPattern;
import static io.hakmem.modes.AllocatorContract.fillWithPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** TinyPool when the OS refuses to commit more of its reservation: small requests fall back to malloc. */
class TinyPoolFaultTest {
    private final FaultInjectingOs os = new FaultInjectingOs();
    private Hakmem hakmem;

    @BeforeEach
    void open() {
        hakmem = Compositions.with().mode(Mode.MINIMAL).feature("tinypool", true).os(os).compose().allocator();
    }

    @AfterEach
    void close() {
        hakmem.close();
    }

    @Test
    void aRefusedCommitSendsSmallRequestsToMallocAndNothingIsLost() {
        MemorySegment pooled = hakmem.allocate(64);
        fillWithPattern(pooled, 9);
        os.failMaps.set(1_000); // every further commit of the reservation fails
        MemorySegment[] more = new MemorySegment[6_000];
        for (int i = 0; i < more.length; i++) {
            more[i] = hakmem.allocate(1024); // 6 MiB: past the 4 MiB committed (one 2 MiB step ahead)
            fillWithPattern(more[i], i);
        }
        HakmemStats stats = hakmem.stats();
        assertEquals(true, stats.get("tinypool.misses") > 0, stats::toString);
        assertEquals(stats.get("tinypool.misses"), stats.get("path.malloc"), stats::toString);
        assertPattern(pooled, 9);
        for (int i = 0; i < more.length; i++) {
            assertPattern(more[i], i);
            hakmem.free(more[i]);
        }
        hakmem.free(pooled);
        os.failMaps.set(0);
        hakmem.free(hakmem.allocate(1024));
        assertEquals(hakmem.stats().allocations(), hakmem.stats().frees());
        assertEquals(0, hakmem.stats().liveBytes());
    }
}
