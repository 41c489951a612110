package io.hakmem.modes.trace;

import io.hakmem.Hakmem;
import io.hakmem.HakmemStats;
import io.hakmem.Mode;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A recording's start and end in JFR, two allocators on one file, and recording beside leak detection. */
class TraceLifecycleTest {

    @Test
    void jfrMarksTheStartAndTheEnd(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("jfr.hktrace");
        Path jfr = dir.resolve("trace.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("io.hakmem.Trace");
            recording.start();
            try (Hakmem hakmem = TraceRoundTripTest.recording(Mode.MINIMAL, file)) {
                for (int i = 0; i < 10; i++) {
                    hakmem.free(hakmem.allocate(100, 16));
                }
            }
            recording.stop();
            recording.dump(jfr);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(jfr).stream()
                .filter(event -> event.getEventType().getName().equals("io.hakmem.Trace"))
                .filter(event -> event.getString("file").equals(file.toString())).toList();
        assertEquals(List.of("start", "end"), events.stream().map(event -> event.getString("kind")).toList());
        RecordedEvent end = events.get(1);
        assertEquals(20, end.getLong("events"));
        assertEquals(0, end.getLong("dropped"));
        assertEquals(Files.size(file), end.getLong("bytes"));
    }

    @Test
    void aSecondAllocatorOnTheSameFileRecordsBesideIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("shared.hktrace");
        try (Hakmem first = TraceRoundTripTest.recording(Mode.MINIMAL, file);
             Hakmem second = TraceRoundTripTest.recording(Mode.MINIMAL, file)) {
            first.free(first.allocate(10, 8));
            second.allocate(20, 8);
        }
        assertEquals(2, RecordedTrace.read(file).events.size());
        assertEquals(1, RecordedTrace.read(dir.resolve("shared-2.hktrace")).events.size());
    }

    @Test
    void leakDetectionAndRecordingWatchTheSameBlocks(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("both.hktrace");
        HakmemStats stats;
        try (Hakmem hakmem = TraceRoundTripTest.recording(Mode.BALANCED, file, "leak-detection.level", "paranoid")) {
            MemorySegment kept = hakmem.allocate(100, 16);
            hakmem.free(hakmem.allocate(200, 16));
            stats = hakmem.stats();
            assertEquals(1, stats.get("leaks.watched"));
            assertEquals(3, stats.get("trace.events"));
            hakmem.free(kept);
        }
        assertEquals(4, RecordedTrace.read(file).events.size());
    }
}
