package io.hakmem.elo;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Lifecycle moves are JFR events: recorded, dumped and read back. */
class PhaseChangeEventTest {

    @Test
    void aFreezeIsRecorded(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("elo.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("io.hakmem.elo.PhaseChange");
            recording.start();
            SyntheticMachine machine = new SyntheticMachine(SyntheticMachine.mappedIsCheap(10_000, 100_000));
            LearningSelector selector = machine.selector("hakmem.elo { window.operations = 500 }");
            for (int i = 0; i < 20_000; i++) {
                machine.allocate(selector, 0, 3L << 20);
            }
            selector.flushReports(); // events leave the allocating thread: emitted by the reporter
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
                .filter(event -> event.getEventType().getName().equals("io.hakmem.elo.PhaseChange"))
                .sorted(java.util.Comparator.comparing(RecordedEvent::getStartTime))
                .toList();
        assertFalse(events.isEmpty());
        RecordedEvent freeze = events.getFirst();
        assertEquals("default", freeze.getString("site"));
        assertEquals("LEARN", freeze.getString("from"));
        assertEquals("FROZEN", freeze.getString("to"));
    }
}
