package io.hakmem.modes.trace;

import io.hakmem.Hakmem;
import io.hakmem.Mode;
import io.hakmem.Site;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a program did is what the trace says, event for event. */
class TraceRoundTripTest {

    static Hakmem recording(Mode mode, Path file, String... settings) {
        var builder = Hakmem.builder().mode(mode).set("trace.out", file.toString())
                .set("idle-release.delay", "0").set("jmx", "false");
        for (int i = 0; i < settings.length; i += 2) {
            builder.set(settings[i], settings[i + 1]);
        }
        return builder.build();
    }

    @Test
    void everyAllocationAndFreeComesBackWithItsSiteSizeAlignmentAndKind(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("round-trip.hktrace");
        try (Hakmem hakmem = recording(Mode.BALANCED, file)) {
            Site json = hakmem.site("json");
            MemorySegment a = hakmem.allocate(100, 16);
            MemorySegment b = json.allocate(5000, 64);
            long byAddress = hakmem.allocateAddress(300, 32);
            hakmem.free(a);
            hakmem.freeAddress(byAddress, 300);
            MemorySegment large = json.allocate(1 << 20, 4096);
            hakmem.free(b);
            hakmem.free(large);
            hakmem.allocate(8, 8); // live at close: allocated, never freed
            assertEquals(9, hakmem.stats().get("trace.events"));
            assertEquals(0, hakmem.stats().get("trace.dropped"));
        }

        RecordedTrace trace = RecordedTrace.read(file);
        assertTrue(trace.header.preset().startsWith("balanced ("), trace.header.preset());
        assertTrue(trace.header.jvm().contains(System.getProperty("java.runtime.version")), trace.header.jvm());
        assertEquals(1.0, trace.header.sample());
        assertEquals(ProcessHandle.current().pid(), trace.header.pid());
        assertEquals("default", trace.sites.get(0));
        assertEquals("json", trace.sites.get(1));
        int me = trace.thread(Thread.currentThread().getName());
        assertEquals(1, trace.threads.size(), trace.threads::toString);

        List<RecordedTrace.Event> events = trace.of(me);
        assertEquals(9, events.size(), events::toString);
        int a = allocation(events.get(0), 0, 100, 16, false);
        int b = allocation(events.get(1), 1, 5000, 64, false);
        int byAddress = allocation(events.get(2), 0, 300, 32, true);
        assertFree(events.get(3), a);
        assertFree(events.get(4), byAddress);
        int large = allocation(events.get(5), 1, 1 << 20, 4096, false);
        assertFree(events.get(6), b);
        assertFree(events.get(7), large);
        allocation(events.get(8), 0, 8, 8, false);
        assertEquals(5, List.of(a, b, byAddress, large, events.get(8).block()).stream().distinct().count());
        for (int i = 1; i < events.size(); i++) {
            assertTrue(events.get(i).time() >= events.get(i - 1).time(), "times never go back");
        }
        assertEquals(0, trace.end.dropped());
        assertTrue(trace.end.orphans().isEmpty());
        assertTrue(trace.end.durationNanos() > 0);
    }

    private static int allocation(RecordedTrace.Event event, int site, long size, long alignment, boolean byAddress) {
        assertEquals(new RecordedTrace.Event(false, event.thread(), event.block(), site, size, alignment, byAddress,
                event.time()), event);
        return event.block();
    }

    private static void assertFree(RecordedTrace.Event event, int block) {
        assertTrue(event.free(), event::toString);
        assertEquals(block, event.block(), "the free names the block it frees");
    }

    @Test
    void aRefusedFreeIsNotRecordedAndTheBlockStaysLive(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("refused.hktrace");
        try (Hakmem hakmem = recording(Mode.MINIMAL, file)) {
            MemorySegment block = hakmem.allocate(4096, 16);
            try {
                hakmem.free(block.asSlice(0, 16)); // a slice: refused
            } catch (IllegalArgumentException expected) {
                // the block is still live
            }
            hakmem.free(block);
            try {
                hakmem.free(block); // a double free: refused
            } catch (IllegalStateException expected) {
                // nothing to record
            }
        }
        RecordedTrace trace = RecordedTrace.read(file);
        assertEquals(1, trace.allocations().size());
        assertEquals(1, trace.frees().size(), trace.events::toString);
        assertEquals(trace.allocations().getFirst().block(), trace.frees().getFirst().block());
    }
}
