package io.hakmem.bench.ablation;

import io.hakmem.bench.trace.TraceSummary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A replay runs each recorded thread's events on a thread of its own: its allocations and its frees, all of them. */
class TraceReplayTest {
    @TempDir
    static Path dir;
    private static Path trace;

    @BeforeAll
    static void record() throws Exception {
        trace = SmallTrace.record(dir.resolve("small.hktrace"));
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void everyThreadDoesWhatItRecordedAndEveryBlockIsFreedOnce() throws Exception {
        TraceSummary summary = TraceSummary.read(trace);
        TraceReplay replay = TraceReplay.of("trace:" + trace, ReplayPlan.load(trace));
        assertTrue(replay.crossThread());
        assertTrue(replay.reportsThroughput(), "two threads: their throughput together");

        Witness witness = new Witness(Subjects.glibc());
        Measurement measured = replay.run(witness, new Budget(0, 0, 0)); // one pass to warm up, one measured
        assertEquals(2 * summary.allocations(), witness.allocations.get());
        assertEquals(witness.allocations.get(), witness.frees.get(), "leftovers included");
        assertEquals(summary.allocations(), measured.operations());
        assertTrue(witness.live.isEmpty(), "nothing left allocated");
        for (TraceSummary.Counts thread : summary.threads().values()) {
            assertEquals(2 * thread.allocations, count(witness.allocationsBy, thread.name), thread.name);
            long leftovers = thread.name.equals("freer") ? 0 : 5;
            assertEquals(2 * (thread.frees + leftovers), count(witness.freesBy, thread.name), thread.name
                    + " frees what it freed when recorded, and what it left live");
        }
        assertTrue(witness.byAddress.get() > 0, "blocks by address replayed by address");
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void oneThreadsReplayReusesHandlesOfFreedBlocksAndFreesEveryBlockOnce() throws Exception {
        Path oneThread = SmallTrace.recordOneThread(dir.resolve("one-thread.hktrace"), 50, 5000);
        ReplayPlan plan = ReplayPlan.load(oneThread);
        assertEquals(5000, plan.allocations);
        assertEquals(50, plan.slots, "one slot per block live at once, not one per block");
        assertEquals(50, plan.leftovers[0].length);

        Witness witness = new Witness(Subjects.glibc());
        Measurement measured = TraceReplay.of("trace:" + oneThread, plan).run(witness, new Budget(0, 0, 0));
        assertEquals(5000, measured.operations());
        assertEquals(2 * 5000, witness.allocations.get());
        assertEquals(witness.allocations.get(), witness.frees.get(), "every block freed once, leftovers included");
        assertTrue(witness.live.isEmpty());
        assertTrue(witness.byAddress.get() > 0, "blocks by address replayed by address");
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void threadsThatFreeEachOthersBlocksReuseHandlesAndEachFreeWaitsForItsOwnBlock() throws Exception {
        int window = 100;
        Path swapping = SmallTrace.recordSwapping(dir.resolve("swapping.hktrace"), window, 40, 150);
        ReplayPlan plan = ReplayPlan.load(swapping);
        assertTrue(plan.crossThread);
        long perThread = window + 40 * 150;
        long allocations = 2 * perThread;
        assertEquals(allocations, plan.allocations);
        // each step frees a block and allocates into its slot at once: one slot per block live at once
        assertEquals(2 * window, plan.slots, "slots for " + allocations + " blocks");
        assertTrue(Arrays.stream(plan.awaitedOccupants).flatMapToInt(Arrays::stream).anyMatch(occupant -> occupant > 1),
                "frees of the other thread's blocks in reused slots, each waiting for its own occupant");

        Witness witness = new Witness(Subjects.glibc());
        // a free that took the slot's earlier block would free it twice: the witness fails the pass
        Measurement measured = TraceReplay.of("trace:" + swapping, plan).run(witness, new Budget(0, 0, 0));
        assertEquals(allocations, measured.operations());
        assertEquals(2 * allocations, witness.allocations.get());
        assertEquals(witness.allocations.get(), witness.frees.get(), "every block freed once, leftovers included");
        assertTrue(witness.live.isEmpty());
        for (String thread : new String[] {"swapper-0", "swapper-1"}) {
            assertEquals(2 * perThread, count(witness.allocationsBy, thread), thread + ", in two passes");
        }
    }

    private static long count(Map<String, AtomicInteger> byThread, String thread) {
        AtomicInteger count = byThread.get(thread);
        return count == null ? 0 : count.get();
    }

    /** A peer that counts what each thread does, and checks every block is freed once. */
    private static final class Witness implements Subject {
        final Subject peer;
        final AtomicInteger allocations = new AtomicInteger();
        final AtomicInteger frees = new AtomicInteger();
        final AtomicInteger byAddress = new AtomicInteger();
        final Map<String, AtomicInteger> allocationsBy = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> freesBy = new ConcurrentHashMap<>();
        final Set<Object> live = ConcurrentHashMap.newKeySet();

        Witness(Subject peer) {
            this.peer = peer;
        }

        @Override
        public Object allocate(long size) {
            Object block = peer.allocate(size);
            allocations.incrementAndGet();
            allocationsBy.computeIfAbsent(Thread.currentThread().getName(), n -> new AtomicInteger()).incrementAndGet();
            assertTrue(live.add(block));
            return block;
        }

        @Override
        public Object allocateByAddress(long size, long alignment) {
            byAddress.incrementAndGet();
            return allocate(size);
        }

        @Override
        public void write(Object block, long offset, byte value) {
            peer.write(block, offset, value);
        }

        @Override
        public void copy(byte[] source, int from, Object block, long offset, int length) {
            peer.copy(source, from, block, offset, length);
        }

        @Override
        public void free(Object block) {
            assertTrue(live.remove(block), "freed once, after its allocation");
            frees.incrementAndGet();
            freesBy.computeIfAbsent(Thread.currentThread().getName(), n -> new AtomicInteger()).incrementAndGet();
            peer.free(block);
        }
    }
}
