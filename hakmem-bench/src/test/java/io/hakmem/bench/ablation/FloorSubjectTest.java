package io.hakmem.bench.ablation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The floor column: slices of one segment, asked for by name only, never recommended, one thread's only. */
class FloorSubjectTest {

    @Test
    void blocksAreAlignedSlicesOneAfterAnother() {
        try (FloorSubject floor = new FloorSubject()) {
            MemorySegment first = (MemorySegment) floor.allocate(24);
            MemorySegment second = (MemorySegment) floor.allocate(100, 64);
            assertEquals(24, first.byteSize());
            assertEquals(0, second.address() % 64);
            assertTrue(second.address() >= first.address() + 24, "no overlap with the block before");
            floor.copy("json".getBytes(StandardCharsets.US_ASCII), 0, second, 96, 4);
            floor.write(first, 23, (byte) 7);
            assertEquals((byte) 'n', second.get(JAVA_BYTE, 99));
            assertEquals((byte) 7, first.get(JAVA_BYTE, 23));
            MemorySegment aligned = (MemorySegment) floor.allocate(8, 4096);
            assertEquals(0, aligned.address() % 4096);
        }
    }

    @Test
    void onceNothingIsLiveTheNextBlockStartsTheSegmentAgain() {
        try (FloorSubject floor = new FloorSubject()) {
            MemorySegment first = (MemorySegment) floor.allocate(24);
            MemorySegment second = (MemorySegment) floor.allocate(40);
            floor.free(second);
            MemorySegment third = (MemorySegment) floor.allocate(16);
            assertTrue(third.address() > first.address(), "the first block is still live");
            floor.free(first);
            floor.free(third);
            assertEquals(first.address(), ((MemorySegment) floor.allocate(16)).address());
        }
    }

    @Test
    void aBlockPastTheEndWrapsToTheStartOverLiveOnes() {
        try (FloorSubject floor = new FloorSubject()) {
            MemorySegment first = (MemorySegment) floor.allocate(4096);
            MemorySegment big = (MemorySegment) floor.allocate(FloorSubject.CAPACITY - 8192);
            MemorySegment wrapped = (MemorySegment) floor.allocate(8192);
            assertEquals(first.address() + 4096, big.address());
            assertEquals(first.address(), wrapped.address(), "past the end, the next block starts over");
            floor.free(first);
            floor.free(big);
            floor.free(wrapped);
            MemorySegment whole = (MemorySegment) floor.allocate(FloorSubject.CAPACITY);
            assertEquals(first.address(), whole.address(), "the whole segment, once nothing is live");
            assertEquals(FloorSubject.CAPACITY, whole.byteSize());
        }
    }

    @Test
    void aRequestItCannotServeIsRefusedWithTheRequestInTheMessage() {
        try (FloorSubject floor = new FloorSubject()) {
            for (long[] bad : List.of(new long[] {-1, 16}, new long[] {FloorSubject.CAPACITY + 1, 16},
                    new long[] {16, 3}, new long[] {16, 0}, new long[] {16, 8192})) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> floor.allocate(bad[0], bad[1]));
                assertTrue(e.getMessage().contains("not " + bad[0] + " aligned to " + bad[1]), e.getMessage());
            }
        }
    }

    @Test
    void itIsAskedForByNameAndInNoDefaultRun() {
        assertFalse(Options.parse(new String[] {}).peers().contains(FloorSubject.NAME));
        assertEquals(List.of("glibc", FloorSubject.NAME),
                Options.parse(new String[] {"--peers", "glibc,floor"}).peers());
        assertEquals(List.of(FloorSubject.NAME),
                Options.parseReplay(new String[] {"t.hktrace", "--peers", "floor"}).peers());
    }

    @Test
    void aPeerFasterThanEveryStepIsNamedButTheFloorNever() {
        List<Cell> cells = List.of(timed("hakmem-fast", 10), timed("glibc", 20), timed(FloorSubject.NAME, 4));
        String line = Recommendation.line(cells, "tiny-hot");
        assertFalse(line.contains(FloorSubject.NAME), line);
        List<Cell> withMimalloc = List.of(timed("hakmem-fast", 10), timed("mimalloc", 8), timed(FloorSubject.NAME, 4));
        assertTrue(Recommendation.line(withMimalloc, "tiny-hot").contains("faster still: mimalloc"));
    }

    @Test
    void aCellRunsASingleThreadScenarioAndSkipsMultiThreadedOnes(@TempDir Path dir) throws Exception {
        Path trace = SmallTrace.recordSwapping(dir.resolve("two-threads.hktrace"), 100, 0, 0);
        TraceReplay twoThreads = TraceReplay.load(TraceReplay.PREFIX + trace);
        assertTrue(twoThreads.multiThreaded() && !twoThreads.crossThread(), "two threads, each freeing its own");
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            CellRunner.main(new String[] {FloorSubject.NAME, "tiny-hot,larson," + TraceReplay.PREFIX + trace, "quick"});
        } finally {
            System.setOut(out);
        }
        List<Cell> cells = printed.toString(StandardCharsets.UTF_8).lines().map(Cell::parse).toList();
        assertEquals(3, cells.size(), printed.toString(StandardCharsets.UTF_8));
        assertTrue(cells.get(0).ok(), cells.get(0).toString());
        assertTrue(cells.get(0).operations() > 0);
        for (Cell skipped : cells.subList(1, 3)) {
            assertEquals("skipped: the floor is one thread's bump pointer", skipped.status(), skipped.toString());
        }
    }

    private static Cell timed(String subject, double medianNanos) {
        return new Cell(subject, "tiny-hot", "ok", "op", Cell.TIME, 1000, medianNanos, 2 * medianNanos, Double.NaN, 0,
                0, 1, 1, subject, Double.NaN, Double.NaN, 0, 0, 0);
    }
}
