package io.hakmem.arrow;

import io.hakmem.Hakmem;
import io.hakmem.Mode;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A buffer never released shows in Arrow's own accounting and in hakmem's leak detection, with its site. */
class LeaksTest {

    /** Allocates one buffer of {@code bytes} and never releases it; returns hakmem's leak events. */
    private static List<RecordedEvent> leakOneBuffer(Path dir, String level, long bytes) throws Exception {
        Path file = dir.resolve("leaks.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("io.hakmem.Leak");
            recording.start();
            Hakmem hakmem = Hakmem.builder().mode(Mode.BALANCED).set("leak-detection.level", level)
                    .set("leak-detection.sample-every", "1").build();
            RootAllocator arrow = HakmemArrow.rootAllocator(hakmem, Long.MAX_VALUE);
            ArrowBuf forgotten = arrow.buffer(bytes);
            forgotten.setLong(0, 1);

            assertEquals(bytes, arrow.getAllocatedMemory(), "Arrow's accounting holds it");
            IllegalStateException arrowsReport = assertThrows(IllegalStateException.class, arrow::close);
            assertTrue(arrowsReport.getMessage().contains("Memory was leaked"), arrowsReport.getMessage());

            hakmem.close();
            recording.stop();
            recording.dump(file);
        }
        return RecordingFile.readAllEvents(file).stream()
                .filter(event -> event.getEventType().getName().equals("io.hakmem.Leak"))
                .toList(); // a recording also takes the events enabled by default (io.hakmem.SlowCall, ...)
    }

    @Test
    void paranoidReportsTheBufferWithItsSiteAndWhereArrowAllocatedIt(@TempDir Path dir) throws Exception {
        List<RecordedEvent> leaks = leakOneBuffer(dir, "paranoid", 4096);
        assertEquals(1, leaks.size(), leaks::toString);
        RecordedEvent leak = leaks.getFirst();
        assertEquals("arrow", leak.getString("site"));
        assertEquals("pinned-at-close", leak.getString("kind"), "by address: its memory stays until Arrow frees it");
        assertEquals(4096, leak.getLong("bytes"));
        assertTrue(leak.getString("allocatedAt").contains("leakOneBuffer"), leak.getString("allocatedAt"));
    }

    @Test
    void sampledReportsTheBufferWithItsSite(@TempDir Path dir) throws Exception {
        List<RecordedEvent> leaks = leakOneBuffer(dir, "sampled", 65536);
        assertEquals(1, leaks.size(), leaks::toString);
        RecordedEvent leak = leaks.getFirst();
        assertEquals("arrow", leak.getString("site"));
        assertEquals(65536, leak.getLong("bytes"));
        assertNull(leak.getString("allocatedAt"), "sampled keeps no stack");
    }
}
