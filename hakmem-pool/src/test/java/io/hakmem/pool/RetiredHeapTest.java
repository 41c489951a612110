package io.hakmem.pool;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A remote free reaching a dead heap that still owns the slab: the slab goes to its shard, never in a loop. */
class RetiredHeapTest {

    @Test
    void aSlabTheReclaimMissedIsAdoptedByItsShardWhenARemoteFreeReachesItsRetiredOwner() {
        TinyPool pool = TestPools.tiny(64L << 20, 0);
        try {
            Shard shard = pool.shared.shardOf(Thread.currentThread());
            Heap dead = new Heap(new Thread(() -> { }), shard, pool.classes.count);
            Slab slab = Slab.of(pool.base, 0, pool.classes, 0);
            slab.owner = dead;
            slab.state = Slab.FULL;
            slab.used = slab.capacity;
            dead.retire();

            dead.pushRemote(slab); // looped between the heap and itself until the stack overflowed

            assertSame(shard.heap, slab.owner, "the shard adopted the slab");
            assertTrue(shard.heap.hasRemote(), "its remote frees wait on the shard's stack, not lost");
            assertTrue(!dead.hasRemote(), "nothing left on the dead heap");
        } finally {
            pool.close();
        }
    }
}
