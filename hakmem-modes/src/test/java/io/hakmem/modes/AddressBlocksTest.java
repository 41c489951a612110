package io.hakmem.modes;

import io.hakmem.Hakmem;
import io.hakmem.HakmemStats;
import io.hakmem.Mode;
import io.hakmem.spi.OsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * When the pools give their regions back: at close if no block by address is live, else when the last one is
 * freed; never while one is (its memory must stay mapped for the raw-address code holding it).
 */
class AddressBlocksTest {
    private static final MemorySegment MEMORY = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);
    private static final long LARGE = 8L << 20; // mapped whole
    private final FaultInjectingOs os = new FaultInjectingOs();

    private Hakmem balanced() {
        return Compositions.with().mode(Mode.BALANCED).set("idle-release.delay", "0").set("jmx", "false").os(os)
                .compose().allocator();
    }

    @Test
    void withoutPinnedBlocksThePoolsGoAtClose() {
        Hakmem hakmem = balanced();
        hakmem.freeAddress(hakmem.allocateAddress(100, 8), 100);
        hakmem.close();
        assertEquals(2, os.unreserved.get(), "TinyPool's and MidPool's regions");
    }

    @Test
    void thePoolsWaitForTheLastBlockByAddress() {
        Hakmem hakmem = balanced();
        long tiny = hakmem.allocateAddress(100, 8);
        long mid = hakmem.allocateAddress(20_000, 8);
        hakmem.close();
        assertEquals(0, os.unreserved.get(), "both regions hold a live block");
        MEMORY.set(ValueLayout.JAVA_LONG, tiny, 1); // mapped still
        hakmem.freeAddress(tiny, 100);
        assertEquals(0, os.unreserved.get(), "one is still live");
        MEMORY.set(ValueLayout.JAVA_LONG, mid, 2);
        hakmem.freeAddress(mid, 20_000);
        assertEquals(2, os.unreserved.get(), "the last one is back: both regions go");
    }

    /** A free by address whose munmap fails has freed its block: it is no longer pinned, so the pools go. */
    @Test
    void aFreeWhoseUnmapFailsUnpinsItsBlock() {
        Hakmem hakmem = balanced();
        long large = hakmem.allocateAddress(LARGE, 8);
        hakmem.close();
        assertEquals(0, os.unreserved.get(), "the large block is pinned");
        os.failUnmaps.set(1);
        assertThrows(OsException.class, () -> hakmem.freeAddress(large, LARGE));
        assertEquals(2, os.unreserved.get(), "freed, though its munmap failed: nothing pinned, the regions go");
        assertThrows(IllegalStateException.class, () -> hakmem.freeAddress(large, LARGE), "and not freed twice");
    }

    /** Threads allocate and free by address while another closes: every block is handed out or refused whole. */
    @Test
    @Timeout(60)
    void closeRacingWithAllocationByAddressLeavesNothingMapped() throws InterruptedException {
        for (int trial = 0; trial < 20; trial++) {
            Hakmem hakmem = balanced();
            int before = os.unreserved.get();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicLong refused = new AtomicLong();
            CountDownLatch started = new CountDownLatch(2);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    List<long[]> mine = new ArrayList<>();
                    started.countDown();
                    try {
                        for (int i = 0; i < 5_000; i++) {
                            long size = 16 + (i * 97L) % 40_000;
                            try {
                                long address = hakmem.allocateAddress(size, 8);
                                MEMORY.set(ValueLayout.JAVA_BYTE, address, (byte) 1);
                                mine.add(new long[] {address, size});
                            } catch (IllegalStateException closed) {
                                refused.incrementAndGet();
                            }
                            if (mine.size() > 50) {
                                long[] block = mine.removeFirst();
                                hakmem.freeAddress(block[0], block[1]);
                            }
                        }
                        for (long[] block : mine) {
                            MEMORY.set(ValueLayout.JAVA_BYTE, block[0], (byte) 2); // mapped until freed
                            hakmem.freeAddress(block[0], block[1]);
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            started.await();
            hakmem.close();
            for (Thread thread : threads) {
                thread.join();
            }
            assertNull(failure.get());
            assertEquals(before + 2, os.unreserved.get(), "the regions went once the last block came back");
        }
    }

    /**
     * The owner and another thread free the same block by address at once, round after round: exactly one free
     * returns each time, so the block is unpinned once and the count stays true. When both could return (a CAS on
     * the remote free only), the count fell below the live blocks and close gave the regions back under one
     * (a read of it then faulted the JVM).
     */
    @Test
    @Timeout(120)
    void twoFreesOfABlockByAddressAtOnceUnpinItOnce() throws InterruptedException {
        Hakmem hakmem = balanced();
        try {
            long held = hakmem.allocateAddress(100, 8);
            assertEquals(0, raceFreesByAddress(hakmem, 5_000), "rounds in which both frees returned");
            assertEquals(1, hakmem.stats().get(HakmemStats.PINNED_BLOCKS));
            hakmem.close();
            assertEquals(0, os.unreserved.get(), "a block by address is live");
            MEMORY.set(ValueLayout.JAVA_LONG, held, 1); // mapped still
            hakmem.freeAddress(held, 100);
            assertEquals(2, os.unreserved.get(), "the last one is back: both regions go");
        } finally {
            hakmem.close();
        }
    }

    /** Frees each of {@code rounds} blocks by address on this thread and another at once; returns when both returned. */
    private static int raceFreesByAddress(Hakmem hakmem, int rounds) throws InterruptedException {
        AtomicLong target = new AtomicLong();
        AtomicLong started = new AtomicLong();
        AtomicLong finished = new AtomicLong();
        AtomicLong otherReturned = new AtomicLong();
        Thread other = Thread.ofPlatform().daemon().start(() -> {
            for (int round = 1; round <= rounds; round++) {
                awaitRound(started, round);
                try {
                    hakmem.freeAddress(target.get(), 100);
                    otherReturned.set(round);
                } catch (IllegalStateException refused) {
                    // this thread's free came first
                }
                finished.set(round);
            }
        });
        int bothReturned = 0;
        for (int round = 1; round <= rounds; round++) {
            target.set(hakmem.allocateAddress(100, 8));
            started.set(round);
            boolean returned = true;
            try {
                hakmem.freeAddress(target.get(), 100);
            } catch (IllegalStateException refused) {
                returned = false;
            }
            awaitRound(finished, round);
            if (returned && otherReturned.get() == round) {
                bothReturned++;
            }
        }
        other.join();
        return bothReturned;
    }

    /** Spins for the other thread, then yields to it: on one CPU a spin alone would wait out its time slice. */
    private static void awaitRound(AtomicLong reached, long round) {
        for (int spins = 0; reached.get() != round; spins++) {
            if (spins < 1_000) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }
}
