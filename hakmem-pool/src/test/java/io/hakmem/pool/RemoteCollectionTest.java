package io.hakmem.pool;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A thread's heap collects its remote frees when no partial slab is left, and at least every
 * {@link Pool#COLLECT_AT_LEAST_EVERY} refills: a thread that keeps finding partial slabs of the class it allocates
 * still takes back the slabs other threads emptied for it in another class.
 */
class RemoteCollectionTest {
    private static final long SMALL = 16;
    private static final long LARGE = 1024;

    @Test
    void aThreadBusyWithPartialSlabsStillCollectsWhatOthersFreed() throws InterruptedException {
        TinyPool pool = TestPools.tiny(256L << 20, 64L << 20);
        try {
            int perSlab = ClassTable.tiny().capacity[TinyPool.classOf(SMALL)];
            int slabs = 2 * Pool.COLLECT_AT_LEAST_EVERY;
            long[] small = new long[slabs * perSlab];
            for (int i = 0; i < small.length; i++) {
                small[i] = pool.allocate(SMALL, 8, false);
            }
            for (int i = 0; i < small.length; i += 4) { // a quarter of every slab: each full one becomes partial
                pool.free(small[i], SMALL, false);
            }

            long[] large = new long[3 * ClassTable.tiny().capacity[TinyPool.classOf(LARGE)]];
            for (int i = 0; i < large.length; i++) {
                large[i] = pool.allocate(LARGE, 8, false);
            }
            Throwable[] failure = new Throwable[1];
            Thread other = Thread.ofPlatform().start(() -> {
                try {
                    for (long block : large) {
                        pool.free(block, LARGE, false);
                    }
                } catch (Throwable t) {
                    failure[0] = t;
                }
            });
            other.join();
            assertNull(failure[0]);
            long noticesBefore = TestPools.counters(pool).get("tinypool.remote-notices");

            // every refill of the small class now finds a partial slab, a quarter of a slab each: the current slab's
            // quarter, then one more refill than the bound allows without collecting
            long more = (Pool.COLLECT_AT_LEAST_EVERY + 2L) * perSlab / 4;
            for (int i = 0; i < more; i++) {
                pool.allocate(SMALL, 8, false);
            }
            long collected = TestPools.counters(pool).get("tinypool.remote-notices") - noticesBefore;
            assertTrue(collected >= 3, "the three slabs of large blocks were collected, not left: " + collected
                    + " " + TestPools.counters(pool));
            assertEquals((small.length - small.length / 4 + more) * SMALL, pool.liveBytes(), "only small blocks live");
        } finally {
            pool.close();
        }
    }
}
