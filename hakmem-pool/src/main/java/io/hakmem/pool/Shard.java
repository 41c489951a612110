package io.hakmem.pool;

import java.util.concurrent.locks.ReentrantLock;

/**
 * One of the shared level's 64 shards: a heap of its own, which owns the slabs of dead threads and serves virtual
 * threads, and the empty slabs that did not fit the level's lock-free {@link EmptyBag}, and those whose pages went
 * back, kept by span. Threads map to a shard by their id, so they rarely meet on one lock; everything here is
 * under that lock. Taking it is counted ({@link #locks}): a warm workload takes it never, and the counter shows it.
 */
final class Shard {
    final int index;
    final Heap heap;
    private final SharedLevel level;
    private final ReentrantLock lock = new ReentrantLock();
    /** Empty slabs whose pages are still resident, by span. */
    private final SlabStack[] empty = new SlabStack[Units.SPANS];
    /** Empty slabs whose pages went back to the OS, by span. */
    private final SlabStack[] released = new SlabStack[Units.SPANS];
    /** Times this shard's lock was taken; written under it. */
    private long locks;

    Shard(int index, SharedLevel level) {
        this.index = index;
        this.level = level;
        this.heap = new Heap(null, this, level.classes.count);
        for (int span = 0; span < Units.SPANS; span++) {
            empty[span] = new SlabStack();
            released[span] = new SlabStack();
        }
    }

    void lock() {
        lock.lock();
        locks++;
    }

    void unlock() {
        lock.unlock();
    }

    /** Whether this shard may have a slab for class {@code c}; read without the lock, a hint only. */
    boolean mayOffer(int c) {
        int span = level.classes.spanShift[c];
        return !heap.partial[c].isEmpty() || !empty[span].isEmpty() || !released[span].isEmpty();
    }

    /**
     * Takes an empty slab from any heap; it becomes this shard's: in the shared level's bag (no lock) when there is
     * room, else on this shard's stack (under the lock). Any thread.
     */
    void acceptEmpty(Slab slab) {
        slab.owner = heap;
        slab.state = Slab.EMPTY;
        level.emptied(slab);
        if (level.bag.offer(slab)) {
            return;
        }
        lock();
        try {
            empty[slab.spanShift].push(slab);
        } finally {
            unlock();
        }
    }

    /**
     * A slab of class {@code c} for {@code taker}: a partly free one this shard owns, else an empty one of the
     * class's span, reshaped; or null. Under the lock.
     */
    Slab takeFor(Heap taker, int c) {
        heap.collectRemote();
        Slab slab = heap.popPartial(c);
        if (slab != null) {
            slab.owner = taker;
            return slab;
        }
        int span = level.classes.spanShift[c];
        slab = empty[span].pop();
        if (slab == null) {
            slab = released[span].pop();
            if (slab != null && !level.claim(slab.bytes())) { // its pages come back into use
                released[span].push(slab);
                return null;
            }
        }
        return slab == null ? null : level.reshape(slab, c, taker);
    }

    /** An empty slab whose pages are to be given back, or null. Under the lock. */
    Slab takeEmptyToRelease() {
        for (int span = Units.MAX_SPAN_SHIFT; span >= 0; span--) { // the largest first: the most back per call
            Slab slab = empty[span].pop();
            if (slab != null) {
                slab.state = Slab.RELEASING;
                level.releasing(slab);
                return slab;
            }
        }
        return null;
    }

    /** A slab whose pages went back (or were never touched): reusable again. Any thread (takes the lock). */
    void acceptReleased(Slab slab) {
        lock();
        try {
            slab.owner = heap;
            slab.state = Slab.RELEASED;
            released[slab.spanShift].push(slab);
        } finally {
            unlock();
        }
    }

    /** A released slab whose pages the batch advised lazily, out of this shard, or null. Takes the lock. */
    Slab takeReleasedLazily() {
        lock();
        try {
            for (SlabStack stack : released) {
                Slab slab = stack.removeFirst(candidate -> candidate.releasedLazily);
                if (slab != null) {
                    slab.state = Slab.RELEASING;
                    return slab;
                }
            }
            return null;
        } finally {
            unlock();
        }
    }

    boolean hasEmpty() {
        for (SlabStack stack : empty) {
            if (!stack.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    int emptySlabs() {
        int count = 0;
        for (SlabStack stack : empty) {
            count += stack.size();
        }
        return count;
    }

    /** Racy read of a counter written under the lock: stats only. */
    long locks() {
        return locks;
    }

    @Override
    public String toString() {
        return "shard " + index;
    }
}
