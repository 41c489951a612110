package io.hakmem.pool;

import io.hakmem.spi.OsException;
import io.hakmem.spi.Reclaimer;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An allocation that gives surplus empty slabs back may meet a failed system call (the batch rethrows a flush's
 * failure to whoever triggered it): the caller gets the failure and no block is taken, or the block would leak.
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
