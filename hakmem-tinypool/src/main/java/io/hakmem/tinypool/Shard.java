package io.hakmem.tinypool;

import java.util.concurrent.locks.ReentrantLock;

/**
 * One of the shared level's 64 shards (the seed's "class x shard" mapping): a heap of its own, which owns
 * the slabs of dead threads and serves virtual threads, and the empty slabs given back by any heap. Threads
 * map to a shard by their id, so they rarely meet on one lock; everything here is under that lock.
 */
final class Shard {
    final int index;
    final Heap heap;
    private final SharedLevel level;
    private final ReentrantLock lock = new ReentrantLock();
    /** Empty slabs whose pages are still resident. */
    private final SlabStack empty = new SlabStack();
    /** Empty slabs whose pages went back to the OS. */
    private final SlabStack released = new SlabStack();

    Shard(int index, SharedLevel level) {
        this.index = index;
        this.level = level;
        this.heap = new Heap(null, this);
    }

    void lock() {
        lock.lock();
    }

    void unlock() {
        lock.unlock();
    }

    /** Whether this shard may have a slab for class {@code c}; read without the lock, a hint only. */
    boolean mayOffer(int c) {
        return !heap.partial[c].isEmpty() || !empty.isEmpty() || !released.isEmpty();
    }

    /** Takes an empty slab from any heap; it becomes this shard's. Any thread (takes the lock). */
    void acceptEmpty(Slab slab) {
        lock.lock();
        try {
            slab.owner = heap;
            slab.state = Slab.EMPTY;
            empty.push(slab);
            level.retained(Slab.BYTES);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A slab of class {@code c} for {@code taker}: a partly free one this shard owns, else an empty one,
     * reshaped; or null. Under the lock.
     */
    Slab takeFor(Heap taker, int c) {
        heap.collectRemote();
        Slab slab = heap.popPartial(c);
        if (slab != null) {
            slab.owner = taker;
            return slab;
        }
        slab = empty.pop();
        if (slab != null) {
            level.retained(-Slab.BYTES);
        } else {
            slab = released.pop();
        }
        return slab == null ? null : level.reshape(slab, c, taker);
    }

    /** An empty slab whose pages are to be given back, or null. Under the lock. */
    Slab takeEmptyToRelease() {
        Slab slab = empty.pop();
        if (slab != null) {
            slab.state = Slab.RELEASING;
            level.retained(-Slab.BYTES);
        }
        return slab;
    }

    /** A slab whose pages went back: reusable again. Any thread (takes the lock). */
    void acceptReleased(Slab slab) {
        lock.lock();
        try {
            slab.state = Slab.RELEASED;
            released.push(slab);
        } finally {
            lock.unlock();
        }
    }

    int emptySlabs() {
        return empty.size();
    }

    int releasedSlabs() {
        return released.size();
    }

    @Override
    public String toString() {
        return "shard " + index;
    }
}
