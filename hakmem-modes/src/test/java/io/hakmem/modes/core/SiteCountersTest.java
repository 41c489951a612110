package io.hakmem.modes.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Per-thread cells and their fallbacks add up exactly, whichever threads count. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class SiteCountersTest {
    private final SiteCounters counters = new SiteCounters();

    @Test
    void moreLiveThreadsThanSlotsCountExactly() throws InterruptedException {
        int threads = 150; // more than the 64 slots at once: some share a slot and fall back to the adders
        CountDownLatch allStarted = new CountDownLatch(threads);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            started.add(Thread.ofPlatform().start(() -> {
                allStarted.countDown();
                awaitQuietly(allStarted);
                for (int i = 0; i < 1_000; i++) {
                    counters.count(1, 64);
                }
            }));
        }
        for (Thread thread : started) {
            thread.join();
        }
        assertEquals(150_000, counters.allocations());
        assertEquals(150_000L * 64, counters.bytes());
    }

    @Test
    void aThreadWhoseSlotALiveThreadHoldsCountsWithoutTheLock() throws InterruptedException {
        CountDownLatch holderCounted = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread holder = Thread.ofPlatform().start(() -> {
            counters.count(1, 8); // takes its slot's cell
            holderCounted.countDown();
            awaitQuietly(done);
        });
        holderCounted.await();
        Runnable counting = () -> {
            for (int i = 0; i < 1_000; i++) {
                counters.count(1, 8);
            }
        };
        Thread sharer = Thread.ofPlatform().unstarted(counting);
        while ((sharer.threadId() & 63) != (holder.threadId() & 63)) { // ids are handed out in order
            sharer = Thread.ofPlatform().unstarted(counting);
        }
        synchronized (counters) { // the monitor claim takes: a sharer that needs it cannot finish
            sharer.start();
            sharer.join(TimeUnit.SECONDS.toMillis(20));
            assertEquals(Thread.State.TERMINATED, sharer.getState(), "the sharer waited for the counters' monitor");
        }
        done.countDown();
        holder.join();
        assertEquals(1_001, counters.allocations());
        assertEquals(1_001L * 8, counters.bytes());
    }

    @Test
    void virtualThreadsAndTheHeirsOfDeadThreadsCountExactly() throws InterruptedException {
        for (int round = 0; round < 200; round++) { // short-lived threads: dead cells are taken over
            Thread.ofPlatform().start(() -> counters.count(1, 10)).join();
            Thread.ofVirtual().start(() -> counters.count(1, 10)).join();
        }
        assertEquals(400, counters.allocations());
        assertEquals(4_000, counters.bytes());
    }

    @Test
    void aFailedRequestIsTakenBack() {
        counters.count(1, 100);
        counters.count(1, 300);
        counters.count(-1, 300);
        assertEquals(1, counters.allocations());
        assertEquals(100, counters.bytes());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
