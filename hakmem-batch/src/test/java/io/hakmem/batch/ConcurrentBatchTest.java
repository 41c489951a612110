package io.hakmem.batch;

import io.hakmem.spi.Advice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static io.hakmem.batch.Batches.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Four threads offer and reuse blocks while flushes, bounds and trims run: no block is handed out twice,
 * none is advised or unmapped while a thread holds it, none is unmapped twice, all are accounted for. Each
 * thread holds up to {@link #HELD} blocks and offers a random one back, so a block stays in use across many
 * of the other threads' flushes and trims.
 */
class ConcurrentBatchTest {
    private static final int THREADS = 4;
    private static final int OPERATIONS = 100_000;
    private static final int HELD = 8;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void noBlockIsAdvisedOrUnmappedWhileInUse() throws InterruptedException {
        Set<Long> inUse = ConcurrentHashMap.newKeySet();
        Set<Long> unmapped = ConcurrentHashMap.newKeySet();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        RecordingOs os = new RecordingOs() {
            @Override
            public boolean advise(long address, long bytes, Advice advice) {
                check(inUse.contains(address), "advised while in use");
                return true;
            }

            @Override
            public void unmap(long address, long bytes) {
                check(inUse.contains(address), "unmapped while in use");
                check(!unmapped.add(address), "unmapped twice");
            }

            private void check(boolean wrong, String what) {
                if (wrong) {
                    failure.compareAndSet(null, new AssertionError(what));
                }
            }
        };
        AtomicLong clock = new AtomicLong();
        BatchReclaimer batch = Batches.batch(os, () -> clock.addAndGet(1000),
                "hakmem { free-policy = adaptive, batch { flush-blocks = 16, max-retained-blocks = 64, hot-window = 1ms, cold-after = 2ms } }");
        AtomicLong created = new AtomicLong();
        long[] capacities = {MIB, 2 * MIB, 4 * MIB};
        Thread[] workers = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            long seed = t;
            workers[t] = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                List<long[]> held = new ArrayList<>(); // {address, capacity}, in inUse until offered
                try {
                    for (int i = 0; i < OPERATIONS && failure.get() == null; i++) {
                        long capacity = capacities[random.nextInt(capacities.length)];
                        long address = batch.reuse(capacity);
                        if (address == 0) {
                            address = created.incrementAndGet() << 24;
                        }
                        if (!inUse.add(address) || unmapped.contains(address)) {
                            throw new AssertionError("handed out twice or after unmap: " + Long.toHexString(address));
                        }
                        held.add(new long[] {address, capacity});
                        if (held.size() > HELD) {
                            offer(batch, inUse, held.remove(random.nextInt(held.size())));
                        }
                        if (random.nextInt(5000) == 0) {
                            batch.trim(random.nextInt(3) * 8 * MIB);
                        }
                    }
                    held.forEach(block -> offer(batch, inUse, block));
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            workers[t].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        assertNull(failure.get(), () -> "failed: " + failure.get());
        Map<String, Long> counters = Batches.counters(batch);
        assertTrue(counters.get("batch.flushes") > 0 && counters.get("batch.munmaps") > 0, counters::toString);
        assertTrue(created.get() >= unmapped.size() + counters.get("batch.retained-blocks"), counters::toString);
        batch.close();
        assertEquals(created.get(), unmapped.size(), "after close every block is unmapped exactly once");
    }

    /** The hand-off: out of use first, then back to the batch, which may advise or unmap it from then on. */
    private static void offer(BatchReclaimer batch, Set<Long> inUse, long[] block) {
        inUse.remove(block[0]);
        batch.offer(block[0], block[1]);
    }
}
