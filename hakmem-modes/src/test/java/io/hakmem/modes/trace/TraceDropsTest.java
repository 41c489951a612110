package io.hakmem.modes.trace;

import io.hakmem.Hakmem;
import io.hakmem.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A writer that cannot keep up: the allocating thread never waits, drops events instead, and the trace says how many
 * (every event is either in the trace or counted as dropped). The trace goes into a pipe nobody reads at first, so
 * the writer blocks on the disk for as long as the test wants.
 */
class TraceDropsTest {
    private static final int BLOCKS = 200_000;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aStalledWriterCostsEventsNotWaiting(@TempDir Path dir) throws Exception {
        Path pipe = dir.resolve("stalled.hktrace");
        assertEquals(0, new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor());
        Path copy = dir.resolve("copy.hktrace");
        CountDownLatch drain = new CountDownLatch(1);
        CompletableFuture<Long> reader = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = new FileInputStream(pipe.toFile()); OutputStream out = Files.newOutputStream(copy)) {
                drain.await(); // holds the pipe open, unread: the writer blocks once it is full
                return in.transferTo(out);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        long events;
        long dropped;
        long blocks = 0;
        Hakmem hakmem = TraceRoundTripTest.recording(Mode.MINIMAL, pipe, "trace.buffer", "256k");
        try {
            long start = System.nanoTime();
            for (; blocks < BLOCKS; blocks++) {
                hakmem.free(hakmem.allocate(32, 16));
            }
            long elapsed = System.nanoTime() - start;
            assertTrue(elapsed < TimeUnit.SECONDS.toNanos(30), "never waited for the writer: " + elapsed + " ns");
            assertTrue(hakmem.stats().get("trace.dropped") > BLOCKS,
                    "the 256k buffer holds a few ten thousand events: the rest are dropped");

            drain.countDown(); // the writer catches up: the next event that finds room says how many were dropped
            long recordedBefore = hakmem.stats().get("trace.events");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (hakmem.stats().get("trace.events") == recordedBefore && System.nanoTime() < deadline) {
                hakmem.free(hakmem.allocate(32, 16));
                blocks++;
                Thread.sleep(1);
            }
            events = hakmem.stats().get("trace.events");
            dropped = hakmem.stats().get("trace.dropped");
            assertEquals(2 * blocks, events + dropped, "every event recorded or counted as dropped");
        } finally {
            drain.countDown();
            hakmem.close();
        }
        assertTrue(reader.get(1, TimeUnit.MINUTES) > 0);

        RecordedTrace trace = RecordedTrace.read(copy);
        assertEquals(dropped, trace.end.dropped(), "the end frame counts them");
        assertEquals(events, trace.events.size());
        assertTrue(trace.droppedRecorded > 0 && trace.droppedRecorded <= dropped,
                "a DROPPED record where the events fell out: " + trace.droppedRecorded);
        long allocations = trace.allocations().size();
        long frees = trace.frees().size();
        assertTrue(frees - trace.end.orphans().cardinality() <= allocations, "a free of a dropped allocation is an "
                + "orphan, not an error");
    }
}
