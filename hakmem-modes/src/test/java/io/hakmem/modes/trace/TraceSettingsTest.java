package io.hakmem.modes.trace;

import io.hakmem.ConfigurationException;
import io.hakmem.Hakmem;
import io.hakmem.Mode;
import io.hakmem.modes.core.CoreAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code hakmem.trace}: off costs no hook; a bad value is refused at create with its key. */
class TraceSettingsTest {

    private static void refused(String key, String value, String... more) {
        var builder = Hakmem.builder().mode(Mode.MINIMAL).set("jmx", "false").set(key, value);
        for (int i = 0; i < more.length; i += 2) {
            builder.set(more[i], more[i + 1]);
        }
        ConfigurationException e = assertThrows(ConfigurationException.class, builder::build);
        assertTrue(e.getMessage().contains("hakmem." + key + " = '"), e.getMessage());
    }

    @Test
    void badValuesAreRefusedWithTheirKey(@TempDir Path dir) {
        String out = dir.resolve("t.hktrace").toString();
        refused("trace.sample", "1.5", "trace.out", out);
        refused("trace.sample", "0", "trace.out", out);
        refused("trace.sample", "half", "trace.out", out);
        refused("trace.buffer", "64k", "trace.out", out);
        refused("trace.buffer", "lots", "trace.out", out);
        refused("trace.out", dir.resolve("no-such-directory").resolve("t.hktrace").toString());
        refused("trace.out", dir.toString());
        refused("trace.sample", "2"); // checked even when recording is off
        assertFalse(Files.exists(dir.resolve("t.hktrace")), "nothing recorded by a refused composition");
    }

    @Test
    void offTheAllocatorIsThePlainCoreWithoutTraceCounters() {
        try (Hakmem hakmem = Hakmem.builder().mode(Mode.BALANCED).set("jmx", "false").build()) {
            assertEquals(CoreAllocator.class, hakmem.getClass(), "no hook on the allocate and free paths");
            assertFalse(hakmem.stats().counters().containsKey("trace.events"));
        }
    }

    @Test
    void onItIsWatchedAndCounts(@TempDir Path dir) {
        Path file = dir.resolve("on-%p.hktrace");
        try (Hakmem hakmem = TraceRoundTripTest.recording(Mode.BALANCED, file)) {
            assertEquals("WatchedAllocator", hakmem.getClass().getSimpleName());
            hakmem.free(hakmem.allocate(10, 8));
            assertEquals(2, hakmem.stats().get("trace.events"));
            assertEquals(0, hakmem.stats().get("trace.dropped"));
            assertTrue(hakmem.stats().counters().containsKey("trace.bytes"));
        }
        assertTrue(Files.exists(dir.resolve("on-" + ProcessHandle.current().pid() + ".hktrace")), "%p is the pid");
    }
}
