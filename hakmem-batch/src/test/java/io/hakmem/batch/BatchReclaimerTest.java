package io.hakmem.batch;

import io.hakmem.spi.Advice;
import io.hakmem.spi.OsException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

import static io.hakmem.batch.Batches.KIB;
import static io.hakmem.batch.Batches.MIB;
import static io.hakmem.batch.Batches.counters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The batch alone, over an OS layer that records its calls, with a clock the test moves (milliseconds). */
class BatchReclaimerTest {
    private final RecordingOs os = new RecordingOs();
    private long millis = 1_000;

    private BatchReclaimer batch(String overrides) {
        return Batches.batch(os, () -> millis * 1_000_000, overrides);
    }

    private static long block(int n) {
        return 0x10_0000_0000L * n;
    }

    private static String advise(int n, String advice) {
        return "advise 0x" + Long.toHexString(block(n)) + " " + advice;
    }

    private static String unmap(int n) {
        return "unmap 0x" + Long.toHexString(block(n));
    }

    /** An OS layer that records its calls and refuses the munmaps {@code refuse} picks, with {@code errno}. */
    private static RecordingOs refusingUnmaps(int errno, String errnoName, LongPredicate refuse) {
        return new RecordingOs() {
            @Override
            public synchronized void unmap(long address, long bytes) {
                super.unmap(address, bytes);
                if (refuse.test(address)) {
                    throw new OsException("munmap(0x" + Long.toHexString(address) + ")", errno, errnoName);
                }
            }
        };
    }

    @Test
    void queuedBlocksAreAdvisedTogetherWhenTheQueueReaches8MiB() {
        BatchReclaimer batch = batch("");
        for (int n = 1; n <= 3; n++) {
            batch.offer(block(n), 2 * MIB);
        }
        assertEquals(List.of(), os.take(), "nothing before the mark");
        assertEquals(6 * MIB, counters(batch).get("batch.pending-bytes"));
        batch.offer(block(4), 2 * MIB);
        assertEquals(List.of(advise(1, "FREE"), advise(2, "FREE"), advise(3, "FREE"), advise(4, "FREE")), os.take());
        Map<String, Long> counters = counters(batch);
        assertEquals(4, counters.get("batch.blocks-added"));
        assertEquals(1, counters.get("batch.flushes"));
        assertEquals(4, counters.get("batch.madvise"));
        assertEquals(8 * MIB, counters.get("batch.bytes-released"));
        assertEquals(8 * MIB, counters.get("batch.retained-bytes"));
        assertEquals(0, counters.get("batch.pending-bytes"));
        assertEquals(0, counters.get("batch.munmaps"));
    }

    @Test
    void theQueueIsAlsoFlushedAtItsBlockMark() {
        BatchReclaimer batch = batch("hakmem.batch.flush-blocks = 3");
        batch.offer(block(1), 512 * KIB);
        batch.offer(block(2), 512 * KIB);
        assertEquals(List.of(), os.take());
        batch.offer(block(3), 512 * KIB);
        assertEquals(3, os.take().size());
    }

    @Test
    void reuseTakesTheNewestBlockOfExactlyThatCapacityQueuedFirstAndCancelsItsAdvice() {
        BatchReclaimer batch = batch("hakmem.batch.flush-blocks = 2");
        batch.offer(block(1), 2 * MIB);
        batch.offer(block(2), 2 * MIB); // flushed: both retained, advised
        os.take();
        batch.offer(block(3), 2 * MIB); // queued
        assertEquals(block(3), batch.reuse(2 * MIB), "the queued one, never advised");
        assertEquals(block(2), batch.reuse(2 * MIB), "then the newest retained one");
        assertEquals(0, batch.reuse(3 * MIB), "exact capacity only");
        assertEquals(block(1), batch.reuse(2 * MIB));
        assertEquals(0, batch.reuse(2 * MIB));
        assertEquals(List.of(), os.take(), "no system call to reuse");
        assertEquals(3, counters(batch).get("batch.reused"));
    }

    @Test
    void aBlockTheBatchTookIsNeverUnmappedWithinItsBounds() {
        BatchReclaimer batch = batch("");
        for (int n = 1; n <= 100; n++) {
            batch.offer(block(n), 2 * MIB);
        }
        assertTrue(os.take().stream().noneMatch(call -> call.startsWith("unmap")));
        assertEquals(0, counters(batch).get("batch.munmaps"));
        assertEquals(200 * MIB, counters(batch).get("batch.retained-bytes"));
    }

    @Test
    void overTheBoundsTheOldestRetainedBlocksAreUnmapped() {
        BatchReclaimer batch = batch("hakmem.batch { flush-blocks = 2, max-retained-blocks = 4, max-retained-bytes = 5m }");
        for (int n = 1; n <= 6; n++) {
            batch.offer(block(n), MIB);
        }
        List<String> calls = os.take();
        assertTrue(calls.containsAll(List.of(unmap(1), unmap(2))), calls::toString);
        assertEquals(2, calls.stream().filter(call -> call.startsWith("unmap")).count(), calls::toString);
        batch.offer(block(7), 2 * MIB);
        batch.offer(block(8), 2 * MIB); // 4 x 1 MiB + 2 x 2 MiB = 8 MiB > 5 MiB: the three oldest go
        assertTrue(os.take().containsAll(List.of(unmap(3), unmap(4), unmap(5))));
        Map<String, Long> counters = counters(batch);
        assertEquals(5, counters.get("batch.munmaps"));
        assertEquals(5 * MIB, counters.get("batch.retained-bytes"));
    }

    @Test
    void keepNeverAdvisesAndUnmapsColdBlocks() {
        BatchReclaimer batch = batch("hakmem { free-policy = keep, batch { flush-blocks = 2, cold-after = 10s } }");
        batch.offer(block(1), 2 * MIB);
        batch.offer(block(2), 2 * MIB);
        assertEquals(List.of(), os.take(), "kept as they are");
        assertEquals(2, counters(batch).get("batch.kept"));
        millis += 11_000;
        batch.offer(block(3), 2 * MIB);
        batch.offer(block(4), 2 * MIB);
        assertEquals(List.of(unmap(1), unmap(2)), os.take(), "cold: not reused for 11 s");
        assertEquals(block(4), batch.reuse(2 * MIB));
    }

    @Test
    void adaptiveKeepsHotCapacitiesAdvisesWarmOnesAndUnmapsColdOnes() {
        BatchReclaimer batch = batch("hakmem { free-policy = adaptive, batch { flush-blocks = 2, hot-window = 1s, cold-after = 10s } }");
        assertEquals(0, batch.reuse(2 * MIB)); // 2 MiB is in demand
        batch.offer(block(1), 2 * MIB);
        batch.offer(block(2), 2 * MIB);
        assertEquals(List.of(), os.take(), "hot: kept as they are");
        batch.offer(block(3), MIB);
        batch.offer(block(4), MIB);
        assertEquals(List.of(advise(3, "FREE"), advise(4, "FREE")), os.take(), "warm: nobody asked for 1 MiB");
        millis += 2_000;
        batch.offer(block(5), 2 * MIB);
        batch.offer(block(6), 2 * MIB);
        assertEquals(List.of(advise(5, "FREE"), advise(6, "FREE")), os.take(), "2 MiB was last asked for 2 s ago");
        millis += 9_000; // blocks 1-4 now 11 s old, 5 and 6 9 s old
        batch.offer(block(7), 3 * MIB);
        batch.offer(block(8), 3 * MIB);
        List<String> calls = os.take();
        assertEquals(List.of(advise(7, "FREE"), advise(8, "FREE"), unmap(1), unmap(2), unmap(3), unmap(4)), calls);
        Map<String, Long> counters = counters(batch);
        assertEquals(2, counters.get("batch.kept"));
        assertEquals(4, counters.get("batch.retained-blocks"));
    }

    @Test
    void whereMadvFreeIsRefusedDontneedIsUsed() {
        os.refused = Advice.FREE;
        BatchReclaimer batch = batch("hakmem.batch.flush-blocks = 1");
        batch.offer(block(1), 2 * MIB);
        assertEquals(List.of(advise(1, "FREE"), advise(1, "DONTNEED")), os.take());
        Map<String, Long> counters = counters(batch);
        assertEquals(1, counters.get("batch.madvise-refused"));
        assertEquals(2, counters.get("batch.madvise"));
        assertEquals(2 * MIB, counters.get("batch.bytes-released"));
    }

    @Test
    void trimKeepsTheNewestKeepBytesMappedAndUnmapsTheRest() {
        BatchReclaimer batch = batch("");
        batch.offer(block(1), 2 * MIB);
        batch.offer(block(2), 2 * MIB);
        batch.offer(block(3), 2 * MIB);
        batch.trim(2 * MIB);
        assertEquals(List.of(unmap(1), unmap(2)), os.take(), "no advice for what trim unmaps or keeps");
        assertEquals(2 * MIB, counters(batch).get("batch.retained-bytes"));
        batch.trim(0);
        assertEquals(List.of(unmap(3)), os.take());
        Map<String, Long> counters = counters(batch);
        assertEquals(0, counters.get("batch.retained-bytes"));
        assertEquals(0, counters.get("batch.pending-bytes"));
        assertEquals(3, counters.get("batch.munmaps"));
        assertEquals(0, batch.reuse(2 * MIB));
    }

    @Test
    void discardedRangesAreAdvisedAtTheFlushThenHandedBack() {
        BatchReclaimer batch = batch("hakmem.batch.flush-blocks = 2");
        List<String> done = new ArrayList<>();
        batch.discard(block(1), 64 * KIB, (address, bytes) -> done.add("done 0x" + Long.toHexString(address) + " " + bytes));
        assertEquals(List.of(), done, "not before the flush");
        batch.offer(block(2), MIB);
        assertEquals(List.of(advise(2, "FREE"), advise(1, "FREE")), os.take(), "blocks, then ranges");
        assertEquals(List.of("done 0x" + Long.toHexString(block(1)) + " 65536"), done);
        assertEquals(0, batch.reuse(64 * KIB), "a discarded range is its owner's, never reused");
        batch.discard(block(3), 64 * KIB, (address, bytes) -> done.add("trimmed"));
        batch.trim(MIB);
        assertEquals(List.of(advise(3, "DONTNEED")), os.take(), "trim: the pages must really go");
        assertEquals("trimmed", done.get(1));
        assertEquals(2, counters(batch).get("batch.discards"));
    }

    @Test
    void keepHandsDiscardedRangesBackWithoutAdvice() {
        BatchReclaimer batch = batch("hakmem { free-policy = keep, batch.flush-blocks = 1 }");
        List<Long> done = new ArrayList<>();
        batch.discard(block(1), 64 * KIB, (address, bytes) -> done.add(address));
        assertEquals(List.of(), os.take());
        assertEquals(List.of(block(1)), done);
    }

    @Test
    void closeUnmapsEverythingAndHandsRangesBackUnadvised() {
        BatchReclaimer batch = batch("hakmem.batch.flush-bytes = 2m");
        batch.offer(block(1), MIB);
        batch.offer(block(2), MIB); // flushed: retained
        os.take();
        batch.offer(block(3), MIB); // queued
        List<Long> done = new ArrayList<>();
        batch.discard(block(4), 64 * KIB, (address, bytes) -> done.add(address));
        assertEquals(List.of(), done);
        batch.close();
        assertEquals(List.of(unmap(3), unmap(1), unmap(2)), os.take());
        assertEquals(List.of(block(4)), done);
        assertEquals(0, batch.reuse(MIB));
        batch.offer(block(5), MIB);
        assertEquals(List.of(unmap(5)), os.take(), "after close, a late block is unmapped at once");
        batch.discard(block(6), 64 * KIB, (address, bytes) -> done.add(address));
        assertEquals(List.of(block(4), block(6)), done);
    }

    @Test
    void aFailingSystemCallIsThrownAfterTheOthersRan() {
        RecordingOs failing = refusingUnmaps(22, "EINVAL", address -> address == block(1));
        BatchReclaimer batch = Batches.batch(failing, () -> 0, "");
        batch.offer(block(1), MIB);
        batch.offer(block(2), MIB);
        OsException e = assertThrows(OsException.class, () -> batch.trim(0));
        assertTrue(e.getMessage().contains("EINVAL"));
        assertEquals(List.of(unmap(1), unmap(2)), failing.take());
        batch.trim(0); // nothing left, nothing thrown
        assertEquals(1, counters(batch).get("batch.munmaps"));
    }

    @Test
    void aBlockMunmapLeftMappedIsKeptReusableAndUnmappedByTheNextTrim() {
        int[] refusals = {1};
        RecordingOs outOfMaps = refusingUnmaps(OsException.ENOMEM, "ENOMEM",
                address -> address == block(1) && refusals[0]-- > 0);
        BatchReclaimer batch = Batches.batch(outOfMaps, () -> 0, "");
        batch.offer(block(1), MIB);
        batch.offer(block(2), MIB);
        assertThrows(OsException.class, () -> batch.trim(0), "the caller still hears of it");
        assertEquals(List.of(unmap(1), unmap(2)), outOfMaps.take());
        Map<String, Long> counters = counters(batch);
        assertEquals(1, counters.get("batch.munmaps-refused"));
        assertEquals(MIB, counters.get("batch.retained-bytes"), "still mapped, so still the batch's");
        assertEquals(block(1), batch.reuse(MIB), "and as good as any retained block");
        batch.offer(block(1), MIB);
        batch.trim(0);
        assertEquals(List.of(unmap(1)), outOfMaps.take());
        assertEquals(0, counters(batch).get("batch.retained-bytes"));
        assertEquals(2, counters(batch).get("batch.munmaps"));
    }

    @Test
    void aBlockMunmapRefusedAfterCloseIsReportedNotKept() {
        RecordingOs outOfMaps = refusingUnmaps(OsException.ENOMEM, "ENOMEM", address -> true);
        BatchReclaimer batch = Batches.batch(outOfMaps, () -> 0, "");
        batch.offer(block(1), MIB);
        assertThrows(OsException.class, batch::close);
        assertEquals(0, counters(batch).get("batch.retained-bytes"));
        assertEquals(0, counters(batch).get("batch.munmaps-refused"));
    }
}
