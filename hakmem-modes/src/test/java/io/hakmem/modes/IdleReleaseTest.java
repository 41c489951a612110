package io.hakmem.modes;

import io.hakmem.Hakmem;
import io.hakmem.HakmemStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.foreign.MemorySegment;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static io.hakmem.modes.LargeBlockFixtures.MIB;
import static io.hakmem.modes.LargeBlockFixtures.allocateTouchFree;
import static io.hakmem.modes.LargeBlockFixtures.balanced;
import static io.hakmem.modes.LargeBlockFixtures.touch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The memory goes back: after a 512 MiB burst of large blocks, the allocator's mappings return to where they
 * were, by the idle release alone or by {@code trim()}; the release runs once per idle period. The allocator's
 * own counters, not the process's resident set, which the JVM moves too; deadlines, not fixed sleeps. When the
 * allocator counts as idle is {@code IdlePeriodTest}'s, on a clock of its own.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class IdleReleaseTest {
    private static final long BURST = 512 * MIB;
    /** Far more than the idle release needs on a loaded machine (its delays here are 100 and 150 ms). */
    private static final long DEADLINE_MILLIS = 20_000;

    @Test
    void anAllocatorDroppedWithoutCloseIsCollectedAndItsIdleTaskEnds() throws InterruptedException {
        WeakReference<Hakmem> dropped = new WeakReference<>(Hakmem.builder().mode(io.hakmem.Mode.BALANCED)
                .set("jmx", "false").set("idle-release.delay", "20ms").build()); // JMX would hold it
        for (int i = 0; i < 100 && dropped.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(dropped.get(), "nothing of the library holds an allocator its program dropped");
    }

    @Test
    void afterABurstTheIdleReleaseGivesTheMemoryBack() throws InterruptedException {
        try (Hakmem hakmem = balanced().set("idle-release.delay", "200ms").build()) {
            long mappedBefore = settled(hakmem).mappedBytes();
            burst(hakmem);
            assertTrue(awaitTrue(() -> hakmem.stats().mappedBytes() == mappedBefore),
                    () -> (hakmem.stats().mappedBytes() - mappedBefore) / MIB + " MiB still mapped after "
                            + DEADLINE_MILLIS + " ms: " + hakmem.stats());
            HakmemStats stats = hakmem.stats();
            assertTrue(stats.get("idle.releases") >= 1);
            assertEquals(0, stats.get("bigcache.bytes"));
            assertEquals(0, stats.get("batch.retained-bytes"));
        }
    }

    @Test
    void afterABurstTrimGivesTheMemoryBack() {
        try (Hakmem hakmem = balanced().build()) {
            long mappedBefore = settled(hakmem).mappedBytes();
            burst(hakmem);
            hakmem.trim();
            HakmemStats stats = hakmem.stats();
            assertEquals(mappedBefore, stats.mappedBytes(), stats::toString);
            assertEquals(0, stats.get("bigcache.bytes"));
            assertEquals(0, stats.get("batch.retained-bytes"));
            assertEquals(0, stats.get("idle.releases"), "off in this composition");
        }
    }

    /** Released once idle, not again while nothing happens, and again after the next use. */
    @Test
    void theIdleReleaseRunsOncePerIdlePeriod() throws InterruptedException {
        try (Hakmem hakmem = balanced().set("idle-release.delay", "150ms").build()) {
            allocateTouchFree(hakmem, 2 * MIB);
            assertTrue(hakmem.stats().get("bigcache.bytes") > 0);
            assertTrue(awaitTrue(() -> hakmem.stats().get("idle.releases") == 1), "released once idle");
            assertEquals(0, hakmem.stats().get("bigcache.bytes"));
            Thread.sleep(400); // longer than two delays: no use, so no second release, however late its checks
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

    /** The allocator's counters once it has composed and served a few blocks, and trimmed them. */
    private static HakmemStats settled(Hakmem hakmem) {
        for (int i = 0; i < 10; i++) {
            allocateTouchFree(hakmem, 2 * MIB);
        }
        hakmem.trim();
        return hakmem.stats();
    }

    private static void burst(Hakmem hakmem) {
        burst(hakmem, BURST);
    }

    /** {@code bytes} of large blocks live at once, every page touched, then all freed. */
    private static void burst(Hakmem hakmem, long bytes) {
        long before = hakmem.stats().mappedBytes();
        List<MemorySegment> blocks = new ArrayList<>();
        long[] sizes = {2 * MIB, 4 * MIB, 512 * 1024, 8 * MIB};
        long total = 0;
        for (int i = 0; total < bytes; i++) {
            long size = sizes[i % sizes.length];
            MemorySegment block = hakmem.allocate(size);
            touch(block);
            blocks.add(block);
            total += size;
        }
        long mapped = hakmem.stats().mappedBytes() - before;
        assertTrue(mapped >= total, "the burst was mapped: " + mapped / MIB + " MiB for " + total / MIB + " MiB");
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
