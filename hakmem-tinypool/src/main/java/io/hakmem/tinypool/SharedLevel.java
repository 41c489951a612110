package io.hakmem.tinypool;

import io.hakmem.spi.Reclaimer;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The level behind the thread heaps: 64 shards of slabs nobody allocates from privately, and the region the
 * fresh slabs come from. Heaps refill from here a whole slab at a time, and give whole empty slabs back.
 * Empty slabs beyond the retention limit give their pages back to the OS: through the batch
 * ({@link Reclaimer#discard}) when it is on, else with MADV_DONTNEED at once.
 */
final class SharedLevel {
    static final int SHARD_SHIFT = 6;
    static final int SHARDS = 1 << SHARD_SHIFT;

    private final Shard[] shards = new Shard[SHARDS];
    private final Region region;
    private final Reclaimer reclaimer;
    private final Reclaimer.Released whenReleased = this::released;
    private final AtomicLong retainedBytes = new AtomicLong();
    private final AtomicLong releases = new AtomicLong();

    SharedLevel(Region region, Reclaimer reclaimer) {
        this.region = region;
        this.reclaimer = reclaimer;
        for (int i = 0; i < SHARDS; i++) {
            shards[i] = new Shard(i, this);
        }
    }

    Shard shardOf(Thread thread) {
        return shards[(int) ((thread.threadId() * 0x9E3779B97F4A7C15L) >>> (Long.SIZE - SHARD_SHIFT))];
    }

    Shard shard(int index) {
        return shards[index];
    }

    void retained(long delta) {
        retainedBytes.addAndGet(delta);
    }

    /**
     * A slab of class {@code c} for a thread's heap: a partly free or empty one from the shards, the heap's
     * own shard first, else a fresh one; null when the region is used up.
     */
    Slab take(Heap taker, int c) {
        int first = taker.home.index;
        for (int i = 0; i < SHARDS; i++) {
            Shard shard = shards[(first + i) & (SHARDS - 1)];
            if (shard.mayOffer(c)) {
                shard.lock();
                try {
                    Slab slab = shard.takeFor(taker, c);
                    if (slab != null) {
                        return slab;
                    }
                } finally {
                    shard.unlock();
                }
            }
        }
        return carve(taker, c);
    }

    /** A fresh slab of class {@code c} owned by {@code taker}, or null when the region is used up. */
    Slab carve(Heap taker, int c) {
        int index = region.carve();
        if (index < 0) {
            return null;
        }
        Slab slab = Slab.of(region.slabBase(index), index, c);
        slab.owner = taker;
        region.slabs[index] = slab;
        return slab;
    }

    /** An empty slab made ready for class {@code c} and {@code taker}: reused as it is, or reshaped. */
    Slab reshape(Slab empty, int c, Heap taker) {
        if (empty.sizeClass == c) {
            empty.cursor = 0;
            empty.owner = taker;
            return empty;
        }
        Slab slab = Slab.of(empty.base, empty.index, c);
        slab.owner = taker; // before it is published: a slab in the table always has an owner
        region.slabs[empty.index] = slab;
        return slab;
    }

    /** Gives the pages of empty slabs back until at most {@code keepBytes} of them stay resident. */
    void releaseSurplus(long keepBytes) {
        for (int i = 0; i < SHARDS && retainedBytes.get() > keepBytes; i++) {
            Shard shard = shards[i];
            while (retainedBytes.get() > keepBytes && shard.emptySlabs() > 0) {
                Slab slab;
                shard.lock();
                try {
                    slab = shard.takeEmptyToRelease();
                } finally {
                    shard.unlock();
                }
                if (slab == null) {
                    break;
                }
                release(slab);
            }
        }
    }

    private void release(Slab slab) {
        releases.incrementAndGet();
        if (reclaimer != null) {
            reclaimer.discard(slab.base, Slab.BYTES, whenReleased);
        } else if (region.release(slab.base, Slab.BYTES)) {
            released(slab.base, Slab.BYTES);
        }
    }

    private void released(long address, long bytes) {
        if (!region.isClosed()) {
            Slab slab = region.slabs[(int) ((address - region.base) >>> Slab.SHIFT)];
            slab.owner.home.acceptReleased(slab);
        }
    }

    long retainedBytes() {
        return retainedBytes.get();
    }

    long releases() {
        return releases.get();
    }

    int releasedSlabs() {
        int count = 0;
        for (Shard shard : shards) {
            count += shard.releasedSlabs();
        }
        return count;
    }
}
