package io.hakmem.modes;

import io.hakmem.Hakmem;
import io.hakmem.HakmemStats;
import io.hakmem.Mode;
import io.hakmem.Site;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.hakmem.modes.LargeBlockFixtures.MIB;
import static io.hakmem.modes.LargeBlockFixtures.allocateTouchFree;
import static io.hakmem.modes.LargeBlockFixtures.balanced;
import static io.hakmem.modes.LargeBlockFixtures.delta;
import static io.hakmem.modes.LargeBlockFixtures.minimalWithCacheAndBatch;
import static io.hakmem.modes.LargeBlockFixtures.touch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The large-block path end to end, from the public API: the counters say which path served each block. */
class LargePathTest {

    @Test
    void theVmLoopIsServedByBigCacheWithoutSystemCallsOrPageFaults() {
        try (Hakmem hakmem = balanced().build()) {
            for (int i = 0; i < 50; i++) {
                allocateTouchFree(hakmem, 2 * MIB);
            }
            HakmemStats before = hakmem.stats();
            int operations = 2_000;
            for (int i = 0; i < operations; i++) {
                allocateTouchFree(hakmem, 2 * MIB);
            }
            HakmemStats after = hakmem.stats();
            long hits = delta(after, before, "bigcache.hits");
            long misses = delta(after, before, "bigcache.misses");
            assertTrue(hits >= 0.9 * operations, () -> "hit rate " + hits + "/" + operations + ": " + after);
            assertEquals(operations, hits + misses);
            assertEquals(0, delta(after, before, HakmemStats.MMAP_CALLS), "no mmap in steady state");
            assertEquals(0, delta(after, before, HakmemStats.MUNMAP_CALLS), "no munmap");
            assertEquals(0, delta(after, before, HakmemStats.MADVISE_CALLS), "no madvise");
            // Nothing was mapped, unmapped or advised, so the pages stay in. The counter is the process's: the bound
            // sits far from both a fresh 2 MiB mapping (512 faults) and what the JVM's own threads add under load.
            double faultsPerOperation = (double) delta(after, before, HakmemStats.MINOR_FAULTS) / operations;
            assertTrue(faultsPerOperation < 32, "minor faults per operation (process-wide): " + faultsPerOperation);
        }
    }

    @Test
    void minimalMapsFaultsAndUnmapsEveryBlock() {
        try (Hakmem hakmem = Hakmem.create(Mode.MINIMAL)) {
            HakmemStats before = hakmem.stats();
            for (int i = 0; i < 20; i++) {
                allocateTouchFree(hakmem, 2 * MIB);
            }
            HakmemStats after = hakmem.stats();
            assertEquals(20, delta(after, before, HakmemStats.MMAP_CALLS));
            assertEquals(20, delta(after, before, HakmemStats.MUNMAP_CALLS));
            // A lower bound on the process's faults, which other threads only raise: 512 small pages per block.
            assertTrue(delta(after, before, HakmemStats.MINOR_FAULTS) >= 20 * 256, "every page faults in");
        }
    }

    @Test
    void aBlockTheCacheOrTheBatchTookIsNeverUnmappedOnTheSpot() {
        try (Hakmem hakmem = minimalWithCacheAndBatch().set("bigcache.max-bytes", "8m").build()) {
            HakmemStats start = hakmem.stats();
            List<MemorySegment> blocks = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                MemorySegment block = hakmem.allocate(2 * MIB);
                touch(block);
                blocks.add(block);
            }
            HakmemStats before = hakmem.stats();
            blocks.forEach(hakmem::free);
            HakmemStats after = hakmem.stats();
            assertEquals(0, delta(after, before, HakmemStats.MUNMAP_CALLS), () -> "freeing unmapped: " + after);
            assertEquals(8 * MIB, after.get("bigcache.bytes"), "the cache is full");
            assertEquals(36, after.get("bigcache.evictions"));
            assertEquals(36, after.get("batch.blocks-added"), "every eviction went to the batch");
            assertEquals(9, after.get("batch.flushes"), "one flush per 8 MiB queued");
            assertEquals(36, after.get("batch.madvise"), "MINIMAL's policy is batch: MADV_FREE each");
            assertEquals(0, after.get("batch.munmaps"));
            assertEquals(72 * MIB, after.get("batch.retained-bytes"));
            assertEquals(start.mappedBytes() + 80 * MIB, after.mappedBytes(), "all still mapped");

            hakmem.trim();
            HakmemStats trimmed = hakmem.stats();
            assertEquals(40, delta(trimmed, after, HakmemStats.MUNMAP_CALLS), "trim unmaps them all");
            assertEquals(start.mappedBytes(), trimmed.mappedBytes());
            assertEquals(0, trimmed.get("bigcache.bytes"));
            assertEquals(0, trimmed.get("batch.retained-bytes"));
        }
    }

    @Test
    void overTheCapTheLeastRecentlyFreedBlocksAreEvicted() {
        try (Hakmem hakmem = Hakmem.builder().mode(Mode.MINIMAL).enable("bigcache").set("bigcache.max-bytes", "8m")
                .set("idle-release.delay", "0").build()) {
            List<MemorySegment> blocks = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                blocks.add(hakmem.allocate(2 * MIB));
            }
            HakmemStats before = hakmem.stats();
            for (MemorySegment block : blocks) {
                hakmem.free(block);
                assertTrue(hakmem.stats().get("bigcache.bytes") <= 8 * MIB, "never over the cap");
            }
            HakmemStats after = hakmem.stats();
            assertEquals(2, after.get("bigcache.evictions"));
            assertEquals(2, delta(after, before, HakmemStats.MUNMAP_CALLS), "no batch: evictions are unmapped");
            List<Long> reused = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                reused.add(hakmem.allocate(2 * MIB).address());
            }
            assertEquals(List.of(blocks.get(5).address(), blocks.get(4).address(), blocks.get(3).address(),
                    blocks.get(2).address()), reused, "the four most recently freed, newest first");
        }
    }

    @Test
    void trimMakesMappedBytesAndTheResidentSetDrop() {
        try (Hakmem hakmem = balanced().build()) {
            HakmemStats start = hakmem.stats();
            List<MemorySegment> blocks = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                MemorySegment block = hakmem.allocate(2 * MIB);
                touch(block);
                blocks.add(block);
            }
            blocks.forEach(hakmem::free);
            HakmemStats cached = hakmem.stats();
            assertEquals(128 * MIB, cached.get("bigcache.bytes"));
            assertEquals(start.mappedBytes() + 128 * MIB, cached.mappedBytes());
            hakmem.trim();
            HakmemStats trimmed = hakmem.stats();
            assertEquals(start.mappedBytes(), trimmed.mappedBytes());
            assertEquals(64, delta(trimmed, cached, HakmemStats.MUNMAP_CALLS), "every cached block unmapped");
            assertEquals(0, trimmed.get("bigcache.bytes"));
            // The process's resident set, which the JVM's threads may grow meanwhile: half the 128 MiB is a bound
            // a loaded machine meets, and a trim that only advised (MADV_FREE keeps pages in) would not.
            assertTrue(cached.residentBytes() - trimmed.residentBytes() >= 64 * MIB,
                    () -> "resident set dropped by only " + (cached.residentBytes() - trimmed.residentBytes()));
        }
    }

    @Test
    void sitesHaveTheirOwnCaches() {
        try (Hakmem hakmem = balanced().build()) {
            Site json = hakmem.site("json");
            Site vm = hakmem.site("vm");
            MemorySegment first = json.allocate(2 * MIB);
            hakmem.free(first);
            MemorySegment other = vm.allocate(2 * MIB);
            assertTrue(other.address() != first.address(), "vm does not get json's block");
            assertEquals(first.address(), json.allocate(2 * MIB).address(), "json does");
            assertEquals(1, hakmem.stats().get("bigcache.hits"));
        }
    }

    @Test
    void blocksAboveTheLargestClassBypassTheCacheIntoTheBatch() {
        try (Hakmem hakmem = balanced().build()) {
            MemorySegment huge = hakmem.allocate(17 * MIB);
            touch(huge);
            HakmemStats before = hakmem.stats();
            hakmem.free(huge);
            HakmemStats after = hakmem.stats();
            assertEquals(1, delta(after, before, "bigcache.refused"));
            assertEquals(1, delta(after, before, "batch.blocks-added"));
            assertEquals(0, delta(after, before, HakmemStats.MUNMAP_CALLS));
            assertEquals(huge.address(), hakmem.allocate(17 * MIB).address(), "reused from the batch");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"keep", "batch", "adaptive"})
    void theFreePolicyDecidesWhatAFlushAdvises(String policy) {
        // No cache room: every freed block goes to the batch, which flushes every 4 blocks (8 MiB).
        try (Hakmem hakmem = minimalWithCacheAndBatch().set("bigcache.max-bytes", "0").set("free-policy", policy).build()) {
            List<MemorySegment> blocks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                blocks.add(hakmem.allocate(2 * MIB));
            }
            blocks.forEach(hakmem::free);
            HakmemStats stats = hakmem.stats();
            assertEquals(2, stats.get("batch.flushes"));
            switch (policy) {
                case "keep" -> {
                    assertEquals(0, stats.get(HakmemStats.MADVISE_CALLS));
                    assertEquals(8, stats.get("batch.kept"));
                }
                case "batch" -> assertEquals(8, stats.get("batch.madvise"));
                default -> {
                    // Every allocation asked the batch for 2 MiB (a cache miss) within the hot window: all hot.
                    assertEquals(0, stats.get("batch.madvise"));
                    assertEquals(8, stats.get("batch.kept"));
                }
            }
            Set<Long> freed = new HashSet<>();
            blocks.forEach(block -> freed.add(block.address()));
            for (int i = 0; i < 8; i++) {
                MemorySegment again = hakmem.allocate(2 * MIB);
                assertTrue(freed.remove(again.address()), "reused from the batch, whatever the policy");
                touch(again);
            }
            assertEquals(8, hakmem.stats().get("batch.reused"));
        }
    }

    @Test
    void thpAutoAlignsAndAdvisesBlocksOfAHugePageAndMore() {
        try (Hakmem hakmem = balanced().build()) {
            MemorySegment large = hakmem.allocate(2 * MIB);
            MemorySegment small = hakmem.allocate(MIB);
            assertEquals(0, large.address() % (2 * MIB), "huge-page aligned");
            HakmemStats stats = hakmem.stats();
            assertEquals(2 * MIB, stats.get("thp.advised-bytes") + stats.get("thp.refused") * 2 * MIB,
                    "advised once, for the 2 MiB block only: " + stats);
            hakmem.free(large);
            hakmem.free(small);
        }
        try (Hakmem hakmem = balanced().set("thp", "off").build()) {
            hakmem.free(hakmem.allocate(4 * MIB));
            HakmemStats stats = hakmem.stats();
            assertEquals(0, stats.get("thp.advised-bytes"));
            assertEquals(0, stats.get(HakmemStats.MADVISE_CALLS) - stats.get("thp.nohugepage-bytes") / (4 * MIB),
                    "off: no advice, but MADV_NOHUGEPAGE where the system's mode is always");
        }
        try (Hakmem hakmem = balanced().set("thp", "on").build()) {
            MemorySegment block = hakmem.allocate(300 * 1024);
            assertEquals(0, block.address() % (2 * MIB), "on: every large block aligned");
            hakmem.free(block);
        }
    }
}
