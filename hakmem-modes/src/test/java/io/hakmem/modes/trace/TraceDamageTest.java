package io.hakmem.modes.trace;

import io.hakmem.Hakmem;
import io.hakmem.Mode;
import io.hakmem.Site;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A trace that is cut, corrupted or not a trace at all is refused with the offset of the problem, and the visitor
 * never hears that it ended: nothing may act on it.
 */
class TraceDamageTest {
    @TempDir
    static Path dir;
    private static byte[] intact;

    @BeforeAll
    static void record() throws Exception {
        Path file = dir.resolve("small.hktrace");
        try (Hakmem hakmem = TraceRoundTripTest.recording(Mode.MINIMAL, file)) {
            Site site = hakmem.site("parser");
            for (int i = 0; i < 20; i++) {
                hakmem.free(site.allocate(16L << (i % 8), 16));
            }
            hakmem.allocate(64, 8);
        }
        intact = Files.readAllBytes(file);
        assertEquals(41, RecordedTrace.read(file).events.size(), "the intact trace reads");
    }

    /** Reads {@code bytes} as a trace; the exception it is refused with, checking that no end was reported. */
    private static TraceFormatException refused(byte[] bytes) throws Exception {
        Path file = Files.write(dir.resolve("damaged.hktrace"), bytes);
        boolean[] ended = new boolean[1];
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> TraceReader.read(file,
                new TraceVisitor() {
                    @Override
                    public void end(TraceEnd end) {
                        ended[0] = true;
                    }
                }));
        assertFalse(ended[0], "refused before its end");
        assertTrue(e.getMessage().contains("offset " + e.offset()), e.getMessage());
        return e;
    }

    @Test
    void cutAtEveryByteItIsRefusedAtOrBeforeTheCut() throws Exception {
        for (int length = 0; length < intact.length; length++) {
            TraceFormatException e = refused(Arrays.copyOf(intact, length));
            assertTrue(e.offset() <= length, length + ": " + e.getMessage());
            if (length >= TraceLayout.PREAMBLE) {
                assertTrue(e.getMessage().startsWith("truncated"), length + ": " + e.getMessage());
            }
        }
    }

    @Test
    void aCorruptedByteAnywhereIsRefusedWithTheOffsetOfItsFrame() throws Exception {
        for (int at = 0; at < intact.length; at++) {
            for (int flip : new int[] {0x01, 0x80, 0xFF}) {
                byte[] damaged = intact.clone();
                damaged[at] ^= (byte) flip;
                TraceFormatException e = refused(damaged);
                assertTrue(e.offset() <= at, "byte " + at + ": " + e.getMessage());
            }
        }
    }

    @Test
    void aForeignFileIsNotATrace() throws Exception {
        TraceFormatException e = refused("{\"not\": \"a trace\"}\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().startsWith("not a hakmem trace"), e.getMessage());
    }

    @Test
    void anotherVersionIsNamed() throws Exception {
        byte[] newer = intact.clone();
        newer[TraceLayout.MAGIC.length + 1] = 2;
        TraceFormatException e = refused(newer);
        assertEquals(TraceLayout.MAGIC.length, e.offset());
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    }

    @Test
    void bytesAfterTheEndAreRefused() throws Exception {
        byte[] longer = Arrays.copyOf(intact, intact.length + 1);
        assertEquals(intact.length, refused(longer).offset());
    }
}
