package io.hakmem.pool;

import io.hakmem.spi.OsException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A slab is claimed against the memory limit before its region is committed: when the commit fails with an
 * {@link OsException}, the claim goes back with it, or the limit would shrink by a slab at every failure.
 */
class FailedCommitTest {

    @Test
    void aFailedCommitClaimsNothing() {
        ReleaseCountingOs os = new ReleaseCountingOs();
        TinyPool pool = new TinyPool(new PoolSettings(64L << 20, 0, Duration.ZERO), os, null);
        try {
            os.failCommits = true;
            assertThrows(OsException.class, () -> pool.allocate(64, 8, false), "the commit's failure");
            assertEquals(0, os.claimedBytes.get(), "the slab's claim went back");
            assertEquals(0, pool.allocations());

            os.failCommits = false;
            long block = pool.allocate(64, 8, false);
            assertTrue(block != 0, "the pool keeps working");
            assertEquals(ClassTable.tiny().slabBytes(TinyPool.classOf(64)), os.claimedBytes.get(), "one slab claimed");
            pool.free(block, 64, false);
        } finally {
            pool.close();
        }
    }
}
