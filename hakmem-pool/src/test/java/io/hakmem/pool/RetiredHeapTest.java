package io.hakmem.pool;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A remote free reaching a dead heap that still owns the slab: no loop between the heap and itself. */
class RetiredHeapTest {

    @Test
    void aRemoteFreeReachingARetiredOwnerOfItsSlabEnds() {
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

            assertSame(dead, slab.owner, "nobody else was handed the slab");
            assertFalse(dead.hasRemote(), "nothing left on the dead heap's stack to forward again");
        } finally {
            pool.close();
        }
    }
}
