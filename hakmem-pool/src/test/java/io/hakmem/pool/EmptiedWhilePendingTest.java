package io.hakmem.pool;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A remote free that lands while the owner collects a slab's remote frees marks the slab pending again and pushes
 * it onto the owner's stack, though the collection already took that free and emptied the slab. The owner's next
 * collection must not touch the slab (another thread may be taking it), and its next user must still hear of the
 * remote frees into its blocks.
 */
class EmptiedWhilePendingTest {

    @Test
    void aSlabEmptiedWhileMarkedPendingTellsItsNextOwnerOfRemoteFrees() {
        TinyPool pool = TestPools.tiny(64L << 20, 0);
        try {
            Shard shard = pool.shared.shardOf(Thread.currentThread());
            Heap first = new Heap(Thread.currentThread(), shard, pool.classes.count);
            Slab slab = Slab.of(pool.base, 0, pool.classes, 0);
            pool.region.publish(slab);
            slab.owner = first;
            slab.state = Slab.FULL;
            handOut(slab, 0);
            handOut(slab, 1);
            slab.used = 2;
            freeRemotely(pool, slab, 0);

            // The owner's collection, as Heap.collectRemote runs it, with the second remote free in its middle.
            assertEquals(slab, first.takeRemote());
            slab.clearRemotePending();
            freeRemotely(pool, slab, 1);
            assertEquals(2, slab.collectRemoteFrees(first));
            first.settle(slab);
            first.collectRemote(); // the second push: the slab is a spare now, which a thief could take meanwhile
            assertTrue(slab.isRemotePending(), "an empty slab is left marked, for its next taker to remake");
            Slab spare = first.takeSpare(slab.spanShift, first);
            assertNotNull(spare, "the emptied slab is the owner's spare");

            Heap next = new Heap(new Thread(() -> { }), shard, pool.classes.count);
            Slab reused = pool.shared.reshaped(spare, 0, next);
            handOut(reused, 0);
            freeRemotely(pool, reused, 0);

            assertTrue(next.hasRemote(), "the slab's new owner was told of the remote free");
            first.collectRemote(); // the old owner's stale entry: forwarded to the new owner or left, nothing freed
            next.collectRemote();
            assertEquals(0, reused.allocated[0], "the new owner collected the remote free");
            assertEquals(0, reused.liveBlocks());
        } finally {
            pool.close();
        }
    }

    private static final int REQUEST = 16;

    /** What an allocation does to a slab: the block's bit and its request. */
    private static void handOut(Slab slab, int block) {
        slab.allocated[0] |= 1L << block;
        slab.requestedShort[block] = REQUEST;
    }

    /** What a remote free does: the block's request, its bit, then the pending mark, then the push to the owner. */
    private static void freeRemotely(Pool pool, Slab slab, int block) {
        assertTrue(pool.claim(slab, block, REQUEST, Slab.REMOTE));
        assertTrue(slab.markRemotelyFreed(0, 1L << block));
        if (slab.claimRemotePending()) {
            slab.owner.pushRemote(slab);
        }
    }
}
