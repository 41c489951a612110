package io.hakmem.modes;

import io.hakmem.Hakmem;
import io.hakmem.HakmemStats;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static io.hakmem.modes.LargeBlocks.MIB;
import static io.hakmem.modes.LargeBlocks.allocateTouchFree;
import static io.hakmem.modes.LargeBlocks.balanced;
import static io.hakmem.modes.LargeBlocks.touch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The memory goes back: after a 512 MiB burst of large blocks, the resident set returns to within 32 MiB of
 * where it started, by the idle release alone or by {@code trim()}. Deadlines, not fixed sleeps.
 */
class IdleReleaseTest {
    private static final long BURST = 512 * MIB;
    private static final long MARGIN = 32 * MIB;
    private static final long DEADLINE_MILLIS = 20_000;

    @Test
    void afterABurstTheIdleReleaseBringsTheResidentSetBack() throws InterruptedException {
        try (Hakmem hakmem = balanced().set("idle-release.delay", "200ms").build()) {
            long baseline = settledBaseline(hakmem);
            burst(hakmem);
            assertTrue(awaitTrue(() -> hakmem.stats().residentBytes() <= baseline + MARGIN),
                    () -> "resident " + (hakmem.stats().residentBytes() - baseline) / MIB + " MiB above the baseline after "
                            + DEADLINE_MILLIS + " ms: " + hakmem.stats());
            HakmemStats stats = hakmem.stats();
            assertTrue(stats.get("idle.releases") >= 1);
            assertEquals(0, stats.get("bigcache.bytes"));
            assertEquals(0, stats.get("batch.retained-bytes"));
        }
    }

    @Test
    void afterABurstTrimBringsTheResidentSetBack() {
        try (Hakmem hakmem = balanced().build()) {
            long baseline = settledBaseline(hakmem);
            long mappedBefore = hakmem.stats().mappedBytes();
            burst(hakmem);
            hakmem.trim();
            HakmemStats stats = hakmem.stats();
            assertTrue(stats.residentBytes() <= baseline + MARGIN,
                    () -> "resident " + (stats.residentBytes() - baseline) / MIB + " MiB above the baseline: " + stats);
            assertEquals(mappedBefore, stats.mappedBytes());
            assertEquals(0, stats.get("idle.releases"), "off in this composition");
        }
    }

    @Test
    void theIdleReleaseWaitsUntilTheAllocatorIsIdle() throws InterruptedException {
        try (Hakmem hakmem = balanced().set("idle-release.delay", "150ms").build()) {
            long busyUntil = System.nanoTime() + 600_000_000L;
            while (System.nanoTime() < busyUntil) {
                allocateTouchFree(hakmem, 2 * MIB);
                Thread.sleep(5);
            }
            assertEquals(0, hakmem.stats().get("idle.releases"), "never while the allocator is in use");
            assertTrue(hakmem.stats().get("bigcache.bytes") > 0);
            assertTrue(awaitTrue(() -> hakmem.stats().get("idle.releases") == 1), "released once idle");
            assertEquals(0, hakmem.stats().get("bigcache.bytes"));
            Thread.sleep(400);
            assertEquals(1, hakmem.stats().get("idle.releases"), "once, until it is used again");
            allocateTouchFree(hakmem, 2 * MIB);
            assertTrue(awaitTrue(() -> hakmem.stats().get("idle.releases") == 2), "and again after the next use");
        }
    }

    @Test
    void theFloorIsKept() throws InterruptedException {
        try (Hakmem hakmem = balanced().set("idle-release.delay", "100ms").set("idle-release.floor", "8m").build()) {
            burst(hakmem, 32 * MIB);
            assertTrue(awaitTrue(() -> hakmem.stats().get("idle.releases") == 1));
            long kept = hakmem.stats().get("bigcache.bytes");
            assertTrue(kept > 0 && kept <= 8 * MIB, "the cache keeps at most its floor, the newest blocks: " + kept);
        }
    }

    @Test
    void oneDaemonThreadServesEveryAllocatorAndCloseStopsItsTask() throws InterruptedException {
        List<Hakmem> allocators = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            allocators.add(balanced().set("idle-release.delay", "10ms").build());
        }
        allocators.forEach(hakmem -> allocateTouchFree(hakmem, 2 * MIB));
        Thread.sleep(100);
        List<Thread> threads = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("hakmem-idle-release")).toList();
        assertEquals(1, threads.size());
        assertTrue(threads.getFirst().isDaemon());
        allocators.forEach(Hakmem::close); // waits for a trim in progress; none runs after
        try (Hakmem off = balanced().build()) {
            assertFalse(off.stats().counters().containsKey("idle.releases"), "delay 0: no idle release at all");
        }
    }

    /** The resident set once the JVM has settled after composing and a few allocations. */
    private static long settledBaseline(Hakmem hakmem) {
        for (int i = 0; i < 10; i++) {
            allocateTouchFree(hakmem, 2 * MIB);
        }
        hakmem.trim();
        System.gc();
        return hakmem.stats().residentBytes();
    }

    private static void burst(Hakmem hakmem) {
        burst(hakmem, BURST);
    }

    /** {@code bytes} of large blocks live at once, every page touched, then all freed. */
    private static void burst(Hakmem hakmem, long bytes) {
        long before = hakmem.stats().residentBytes();
        List<MemorySegment> blocks = new ArrayList<>();
        long[] sizes = {2 * MIB, 4 * MIB, 512 * 1024, 8 * MIB};
        for (long total = 0, i = 0; total < bytes; i++) {
            long size = sizes[(int) (i % sizes.length)];
            MemorySegment block = hakmem.allocate(size);
            touch(block);
            blocks.add(block);
            total += size;
        }
        long peak = hakmem.stats().residentBytes();
        // Process-wide, so the JVM's own moves (a heap shrinking) blur it: half the burst proves it was touched.
        assertTrue(peak - before >= bytes / 2, "the burst was resident: " + (peak - before) / MIB + " MiB");
        blocks.forEach(hakmem::free);
    }

    private static boolean awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE_MILLIS * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }
}
