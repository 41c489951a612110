package io.hakmem.pool;

import io.hakmem.spi.OsException;
import io.hakmem.spi.Reclaimer;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An allocation, a free or a trim that gives empty slabs back may meet a failed system call (the batch rethrows a
 * flush's failure to whoever triggered it; without the batch, madvise fails on its own): the caller gets the failure,
 * no block is taken or lost, and every slab stays the pool's, to be given back later.
 */
class FailedReleaseTest {
    private static final long KIB = 1024;

    @Test
    void anAllocationThatMeetsAFailedReleaseTakesNoBlock() throws InterruptedException {
        FailingReclaimer reclaimer = new FailingReclaimer();
        TinyPool pool = TestPools.tiny(64L << 20, 0, Duration.ofSeconds(1), reclaimer);
        try {
            long[] blocks = new long[2000]; // 32 slabs of 1 KiB blocks: more than a heap keeps as spares (1 MiB)
            for (int i = 0; i < blocks.length; i++) {
                blocks[i] = pool.allocate(KIB, 8, false);
            }
            for (long block : blocks) {
                pool.free(block, KIB, false); // kept resident: the peak is within the retain window
            }
            reclaimer.discards = 0;
            reclaimer.failing = true;
            Thread.sleep(1200); // past the window: the next slow allocation releases the surplus
            assertThrows(OsException.class, () -> pool.allocate(16, 8, false), "the release's failure");
            assertTrue(reclaimer.discards > 0, "the allocation released surplus slabs");
            assertEquals(pool.allocations(), pool.frees(), "no block taken by the allocation that failed");

            reclaimer.failing = false;
            long block = pool.allocate(16, 8, false);
            assertTrue(block != 0, "the pool keeps working");
            pool.free(block, 16, false);
            assertEquals(pool.allocations(), pool.frees());
        } finally {
            pool.close();
        }
    }

    @Test
    void aSlabWhoseReleaseFailsStaysThePoolsAndGoesBackLater() {
        ReleaseCountingOs os = new ReleaseCountingOs();
        TinyPool pool = new TinyPool(new PoolSettings(64L << 20, 0, Duration.ZERO), os, null);
        try {
            long[] blocks = new long[2000]; // 32 slabs of 1 KiB blocks: more than a heap keeps as spares
            for (int i = 0; i < blocks.length; i++) {
                blocks[i] = pool.allocate(KIB, 8, false);
            }
            os.failReleases = true;
            int failed = 0;
            for (long block : blocks) {
                try {
                    pool.free(block, KIB, false);
                } catch (OsException afterTheFree) { // the free emptied a slab, whose release failed
                    failed++;
                }
            }
            assertTrue(failed > 0, "some free released a slab");
            assertEquals(pool.allocations(), pool.frees(), "every block freed, the frees that threw too");

            // keeping everything, a trim only advises away for good the slabs released lazily: the failed ones
            assertThrows(OsException.class, () -> pool.trim(Long.MAX_VALUE), "a trim whose advice fails");
            os.failReleases = false;
            pool.trim(0);
            assertEquals(0, os.claimedBytes.get(), "every slab given back, those whose release failed too");
            assertEquals(TestPools.counters(pool).get("tinypool.slabs") * (64 * KIB), os.releasedBytes.get(),
                    "every slab's pages advised away for good once, those of the trim that failed too");
            long block = pool.allocate(KIB, 8, false);
            assertTrue(block != 0, "the pool keeps working");
            pool.free(block, KIB, false);
        } finally {
            pool.close();
        }
    }

    /** Releases at once, and throws after the release while failing, as a batch whose flush failed. */
    private static final class FailingReclaimer implements Reclaimer {
        volatile boolean failing;
        volatile int discards;

        @Override
        public void discard(long address, long bytes, Released done) {
            discards++; // one thread at a time here
            done.released(address, bytes);
            if (failing) {
                throw new OsException("munmap", 12, "ENOMEM");
            }
        }

        @Override
        public long reuse(long capacity) {
            return 0;
        }

        @Override
        public void offer(long address, long capacity) {
            throw new UnsupportedOperationException();
        }

    }
}
