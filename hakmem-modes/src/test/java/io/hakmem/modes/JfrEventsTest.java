package io.hakmem.modes;

import io.hakmem.Hakmem;
import io.hakmem.Mode;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JFR events, recorded to a file and read back: statistics, evictions, flushes, slow calls. */
class JfrEventsTest {
    /** Far more than two 100 ms periods take on a loaded machine. */
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aRecordingSeesStatisticsEvictionsFlushesAndSlowCalls(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("hakmem.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("io.hakmem.Statistics").withPeriod(Duration.ofMillis(100));
            recording.enable("io.hakmem.bigcache.Eviction");
            recording.enable("io.hakmem.batch.Flush");
            recording.enable("io.hakmem.SlowCall").withThreshold(Duration.ZERO);
            recording.start();
            try (Hakmem hakmem = Hakmem.builder().mode(Mode.BALANCED).set("bigcache.max-bytes", "8m")
                    .set("idle-release.delay", "0").build()) {
                MemorySegment[] blocks = new MemorySegment[8];
                for (int round = 0; round < 4; round++) {
                    for (int i = 0; i < blocks.length; i++) {
                        blocks[i] = hakmem.allocate(2 << 20);
                    }
                    for (MemorySegment block : blocks) {
                        hakmem.free(block); // 16 MiB freed into an 8 MiB cache: evictions into the batch
                    }
                }
                hakmem.trim();
                awaitStatisticsAfterTheWork(recording, dir.resolve("so-far.jfr"));
            }
            recording.stop();
            recording.dump(file);
        }
        Map<String, List<RecordedEvent>> events = RecordingFile.readAllEvents(file).stream()
                .collect(Collectors.groupingBy(event -> event.getEventType().getName(), Collectors.toList()));
        List<RecordedEvent> statistics = events.getOrDefault("io.hakmem.Statistics", List.of());
        assertTrue(statistics.size() >= 2, () -> "periodic statistics: " + events.keySet());
        RecordedEvent last = statistics.getLast();
        assertEquals("balanced", last.getString("mode"));
        assertTrue(last.getLong("allocations") >= 32, last::toString);
        assertTrue(last.getString("counters").contains("bigcache.hits="), last::toString);
        assertTrue(events.getOrDefault("io.hakmem.bigcache.Eviction", List.of()).stream()
                .anyMatch(event -> "cap".equals(event.getString("reason"))), () -> "evictions: " + events.keySet());
        assertTrue(events.getOrDefault("io.hakmem.batch.Flush", List.of()).stream()
                .anyMatch(event -> event.getInt("blocks") > 0), () -> "flushes: " + events.keySet());
        Map<String, Long> calls = events.getOrDefault("io.hakmem.SlowCall", List.of()).stream()
                .collect(Collectors.groupingBy(event -> event.getString("call"), Collectors.counting()));
        assertTrue(calls.containsKey("mmap") && calls.containsKey("munmap"), calls::toString);
    }

    /**
     * Waits until two periodic statistics events have seen the 32 allocations: the period is 100 ms, but a loaded
     * machine runs JFR's periodic thread late, so the recording so far is read again until they are in it.
     */
    private static void awaitStatisticsAfterTheWork(Recording recording, Path file) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        long seen;
        do {
            Thread.sleep(100);
            recording.dump(file);
            seen = RecordingFile.readAllEvents(file).stream()
                    .filter(event -> event.getEventType().getName().equals("io.hakmem.Statistics"))
                    .filter(event -> event.getLong("allocations") >= 32)
                    .count();
        } while (seen < 2 && System.nanoTime() < deadline);
    }
}
