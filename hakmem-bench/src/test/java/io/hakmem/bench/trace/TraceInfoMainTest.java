package io.hakmem.bench.trace;

import io.hakmem.Hakmem;
import io.hakmem.Mode;
import io.hakmem.Site;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./hakmem trace-info}: the counts, the threads, each site's sizes, the live bytes and their chart. */
class TraceInfoMainTest {

    @Test
    void itSaysWhatTheTraceHolds(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("info.hktrace");
        try (Hakmem hakmem = Hakmem.builder().mode(Mode.MINIMAL).set("trace.out", trace.toString())
                .set("jmx", "false").build()) {
            Site strings = hakmem.site("strings");
            for (int i = 0; i < 100; i++) {
                hakmem.free(strings.allocate(20, 8)); // <= 32 B
            }
            MemorySegment kept = hakmem.site("buffers").allocate(3 << 20, 16); // <= 4 MiB, live at the end
            kept.set(java.lang.foreign.ValueLayout.JAVA_BYTE, 0, (byte) 1);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = TraceInfoMain.run(new String[] {trace.toString(), "--out", dir.resolve("charts").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        assertTrue(text.contains("201 events: 101 allocations, 100 frees"), text);
        assertTrue(text.contains("0 dropped"), text);
        assertTrue(text.contains(Thread.currentThread().getName()), text);
        assertTrue(text.matches("(?s).*strings\\s+100 allocations.*<=32 B: 100.*"), text);
        assertTrue(text.matches("(?s).*buffers\\s+1 allocations.*<=4.0 MiB: 1.*"), text);
        assertTrue(text.contains("3.0 MiB at the end"), text);
        assertTrue(Files.size(dir.resolve("charts").resolve("info-live-bytes.png")) > 0);
    }

    @Test
    void aForeignFileIsRefused(@TempDir Path dir) throws Exception {
        Path notATrace = Files.writeString(dir.resolve("notes.txt"), "hello");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = TraceInfoMain.run(new String[] {notATrace.toString()}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("not a hakmem trace"), err::toString);
    }
}
