package io.hakmem.modes;

import io.hakmem.Hakmem;
import io.hakmem.HakmemStats;
import io.hakmem.Mode;
import io.hakmem.spi.OsException;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every OS call may fail (mmap and mprotect ENOMEM, munmap EINVAL, madvise refused, malloc NULL) at random
 * points of a random workload on BALANCED: each failure reaches the caller as an OutOfMemoryError or an
 * OsException naming the call, no live block is touched, and once the faults stop everything works and
 * balances.
 */
class RandomFaultsTest {

    @Test
    void randomOsFailuresAreReportedAndNeverDamageALiveBlock() {
        FaultInjectingOs os = new FaultInjectingOs();
        Hakmem hakmem = Compositions.with().mode(Mode.BALANCED).set("idle-release.delay", "0")
                .set("bigcache.max-bytes", "16m").os(os).compose().allocator();
        SplittableRandom random = new SplittableRandom(42);
        List<MemorySegment> live = new ArrayList<>();
        long outOfMemory = 0;
        long osFailures = 0;
        os.failAtRandom(0.05);
        for (int i = 0; i < 20_000; i++) {
            try {
                if (live.size() < 200 && (live.isEmpty() || random.nextInt(3) > 0)) {
                    MemorySegment block = hakmem.allocate(size(random), 1L << random.nextInt(7));
                    stamp(block);
                    live.add(block);
                } else if (random.nextInt(50) == 0) {
                    hakmem.trim();
                } else {
                    MemorySegment block = live.remove(random.nextInt(live.size()));
                    assertIntact(block);
                    hakmem.free(block);
                }
            } catch (OutOfMemoryError e) {
                assertTrue(e.getMessage().contains("bytes"), e.getMessage());
                outOfMemory++;
            } catch (OsException e) {
                assertTrue(e.getMessage().matches("(?s).*(munmap|mmap|madvise|mprotect).*"), e.getMessage());
                osFailures++;
            }
        }
        os.failAtRandom(0);
        System.out.printf("random faults: %d injected, %d OutOfMemoryError, %d OsException%n",
                os.injected.get(), outOfMemory, osFailures);
        assertTrue(os.injected.get() > 100, "faults were injected");
        assertTrue(outOfMemory > 0, "some reached the caller as OutOfMemoryError");
        for (MemorySegment block : live) {
            assertIntact(block);
            hakmem.free(block);
        }
        for (int i = 0; i < 100; i++) {
            MemorySegment block = hakmem.allocate(size(random));
            stamp(block);
            assertIntact(block);
            hakmem.free(block);
        }
        hakmem.trim();
        HakmemStats stats = hakmem.stats();
        assertEquals(stats.allocations(), stats.frees(), stats::toString);
        assertEquals(0, stats.liveBytes(), stats::toString);
        hakmem.close();
    }

    private static long size(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> 1 + random.nextInt(1024);
            case 1 -> 1 + random.nextInt(200_000);
            case 2 -> 256 * 1024 + random.nextInt(6 << 20);
            default -> random.nextInt(128);
        };
    }

    private static long cookie(MemorySegment block) {
        return block.address() * 0x9E3779B97F4A7C15L ^ block.byteSize();
    }

    private static void stamp(MemorySegment block) {
        if (block.byteSize() >= 16) {
            block.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, cookie(block));
            block.set(ValueLayout.JAVA_LONG_UNALIGNED, block.byteSize() - 8, ~cookie(block));
        }
    }

    private static void assertIntact(MemorySegment block) {
        if (block.byteSize() >= 16) {
            assertEquals(cookie(block), block.get(ValueLayout.JAVA_LONG_UNALIGNED, 0));
            assertEquals(~cookie(block), block.get(ValueLayout.JAVA_LONG_UNALIGNED, block.byteSize() - 8));
        }
    }
}
