package io.hakmem.modes;

import io.hakmem.Hakmem;
import io.hakmem.HakmemStats;
import io.hakmem.Mode;
import io.hakmem.Site;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Leak detection: lost segments, arenas dropped without close, and blocks still live at close. */
class LeakDetectionTest {

    private static Hakmem paranoid() {
        return Hakmem.builder().mode(Mode.BALANCED).set("leak-detection.level", "paranoid")
                .set("idle-release.delay", "0").build();
    }

    /** Collects garbage until {@code condition} holds, or 10 s pass. */
    private static boolean gcUntil(Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            System.gc();
            if (condition.get()) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    private static void allocateAndLose(Site site) {
        site.allocate(100).fill((byte) 1); // the segment becomes garbage, the block stays live
    }

    @Test
    void aBlockWhoseSegmentBecomesUnreachableIsReportedWithItsSite() throws Exception {
        try (Hakmem hakmem = paranoid()) {
            Site json = hakmem.site("json");
            allocateAndLose(json);
            MemorySegment kept = json.allocate(200);
            assertTrue(gcUntil(() -> hakmem.stats().get("leaks.unreachable") == 1), () -> hakmem.stats().toString());
            hakmem.free(kept); // a freed block is not a leak, whatever happens to its segment later
            kept = null;
            System.gc();
            HakmemStats stats = hakmem.stats();
            assertEquals(1, stats.get("leaks.unreachable"), stats::toString);
            assertEquals(0, stats.get("leaks.watched"), "the lost block was reported, the freed one forgotten");
        }
    }

    @Test
    void anArenaDroppedWithoutCloseIsReportedAndItsBlocksFreed() throws Exception {
        try (Hakmem hakmem = paranoid()) {
            dropAnArena(hakmem);
            assertTrue(gcUntil(() -> hakmem.stats().get("leaks.arenas") == 1), () -> hakmem.stats().toString());
            assertTrue(gcUntil(() -> hakmem.stats().allocations() == hakmem.stats().frees()),
                    "the arena's blocks were freed");
        }
    }

    private static void dropAnArena(Hakmem hakmem) {
        Arena arena = hakmem.newArena();
        arena.allocate(1000);
        arena.allocate(300 * 1024);
    }

    @Test
    void blocksStillLiveAtCloseAreReportedToJfrWithWhereTheyWereAllocated(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("leaks.jfr");
        MemorySegment forgotten;
        try (Recording recording = new Recording()) {
            recording.enable("io.hakmem.Leak");
            recording.start();
            Hakmem hakmem = paranoid();
            forgotten = hakmem.site("cache").allocate(4096);
            hakmem.close();
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> leaks = RecordingFile.readAllEvents(file).stream()
                .filter(event -> event.getEventType().getName().equals("io.hakmem.Leak"))
                .toList(); // the recording also takes events enabled by default: an mmap above 1 ms is a SlowCall
        assertEquals(1, leaks.size(), leaks::toString);
        RecordedEvent leak = leaks.getFirst();
        assertEquals("cache", leak.getString("site"));
        assertEquals("live-at-close", leak.getString("kind"));
        assertEquals(4096, leak.getLong("bytes"));
        assertTrue(leak.getString("allocatedAt").contains("blocksStillLiveAtCloseAreReportedToJfr"),
                leak.getString("allocatedAt"));
        assertTrue(!forgotten.scope().isAlive(), "its segment died with the allocator");
    }

    @Test
    void offCostsNothingAndReportsNothing() {
        try (Hakmem hakmem = Hakmem.builder().mode(Mode.BALANCED).build()) {
            allocateAndLose(hakmem.site("x"));
            assertEquals(0, hakmem.stats().get("leaks.watched"));
            assertTrue(!hakmem.stats().counters().containsKey("leaks.unreachable"), "no leak counters when off");
        }
    }
}
