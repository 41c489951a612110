package io.hakmem.modes;

import io.hakmem.Hakmem;
import io.hakmem.HakmemStats;
import io.hakmem.Mode;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Memory goes back: a burst of every size (small, mid and large blocks, every page written) freed and trimmed
 * leaves the process's resident set within 32 MiB of where it started, and the pools' memory in use near
 * zero. The burst is over 800 MiB, so the margin is small beside it; the test itself allocates little on the Java heap.
 */
class BurstThenTrimTest {

    @Test
    void rssComesBackAfterABurstAndTrim() {
        try (Hakmem hakmem = Hakmem.builder().mode(Mode.BALANCED).set("idle-release.delay", "0").set("jmx", "false")
                .build()) {
            warmUp(hakmem);
            long baseline = hakmem.stats().residentBytes();
            SplittableRandom random = new SplittableRandom(3);
            MemorySegment[] burst = new MemorySegment[24_000];
            long bytes = 0;
            for (int i = 0; i < burst.length; i++) {
                long size = switch (i % 4) {
                    case 0 -> 16 + random.nextInt(1000);
                    case 1, 2 -> 1025 + random.nextInt(40_000);
                    default -> 64 * 1024 + random.nextInt(60 * 1024);
                };
                burst[i] = hakmem.allocate(size);
                touch(burst[i]);
                bytes += size;
            }
            for (int i = 0; i < 24; i++) {
                MemorySegment large = hakmem.allocate(8 << 20);
                touch(large);
                hakmem.free(large);
            }
            long peak = hakmem.stats().residentBytes();
            for (MemorySegment block : burst) {
                hakmem.free(block);
            }
            hakmem.trim();
            HakmemStats after = hakmem.stats();
            long total = bytes;
            assertTrue(peak - baseline > 500L << 20, () -> "the burst was resident: " + (peak - baseline) + " of " + total);
            assertTrue(after.residentBytes() - baseline < 32L << 20,
                    () -> "RSS back within 32 MiB: baseline " + baseline + ", after " + after.residentBytes() + "\\n" + after);
            assertTrue(after.get("midpool.in-use-bytes") <= 8L << 20 && after.get("tinypool.in-use-bytes") <= 1L << 20,
                    () -> "at most current slabs stay: " + after);
        }
    }

    /** The pools' and the process's first use (class loading, first slabs), so the baseline is not a cold start. */
    private static void warmUp(Hakmem hakmem) {
        for (long size : new long[] {64, 5000, 100_000, 3 << 20}) {
            MemorySegment block = hakmem.allocate(size);
            touch(block);
            hakmem.free(block);
        }
        hakmem.trim();
    }

    private static void touch(MemorySegment block) {
        for (long offset = 0; offset < block.byteSize(); offset += 4096) {
            block.set(ValueLayout.JAVA_BYTE, offset, (byte) 1);
        }
    }
}
