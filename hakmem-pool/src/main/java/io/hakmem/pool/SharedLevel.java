package io.hakmem.pool;

import io.hakmem.spi.OsMemory;
import io.hakmem.spi.Reclaimer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The level behind the thread heaps: 64 shards of slabs nobody allocates from privately, and the region the
 * fresh slabs come from. Heaps refill from here a whole slab at a time, and give whole empty slabs back.
 *
 * <p>Empty slabs stay resident while the pool may soon need them again, and give their pages back otherwise
 * ({@link Demand}): through the batch ({@link Reclaimer#discard}) when it is on, else with MADV_DONTNEED at once.
 */
final class SharedLevel {
    static final int SHARD_SHIFT = 6;
    static final int SHARDS = 1 << SHARD_SHIFT;

    final ClassTable classes;
    /** Empty slabs passing between heaps with no lock; what does not fit goes to the shards' stacks. */
    final EmptyBag bag = new EmptyBag();
    private final Shard[] shards = new Shard[SHARDS];
    private final Region region;
    /** Told when a slab's pages are taken into use and when they go back ({@link OsMemory#claim}). */
    private final OsMemory os;
    private final Reclaimer reclaimer;
    private final Reclaimer.Released whenReleased = (address, bytes) -> released(address, true);
    private final Demand demand;
    private final long retainFloor;
    private final AtomicLong retainedBytes = new AtomicLong();
    private final AtomicLong releases = new AtomicLong();

    SharedLevel(ClassTable classes, Region region, OsMemory os, Reclaimer reclaimer, long retainFloor,
                long retainWindowNanos) {
        this.classes = classes;
        this.os = os;
        this.region = region;
        this.reclaimer = reclaimer;
        this.retainFloor = retainFloor;
        this.demand = new Demand(retainWindowNanos);
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

    /**
     * A slab of class {@code c} for a thread's heap: an empty one from the bag, else a partly free or empty one from
     * the shards, the heap's own shard first; null when the level has none (the caller then carves a fresh one).
     */
    Slab take(Heap taker, int c) {
        Slab empty = bag.take(classes.spanShift[c]);
        if (empty != null) {
            return reshape(empty, c, taker);
        }
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
        return null;
    }

    /**
     * A fresh slab of class {@code c} owned by {@code taker}, or null when the region is used up or the memory
     * limit refuses it (the request then goes on, and the allocator gives memory back if the limit stops it there).
     */
    Slab carve(Heap taker, int c) {
        long bytes = classes.slabBytes(c);
        if (!claim(bytes)) {
            return null;
        }
        Shard home = taker.home; // the only shard whose lock the caller may hold: no second lock is taken
        int index;
        try {
            index = region.carve(classes.spanShift[c], unit -> adoptSkippedUnit(unit, home));
        } catch (RuntimeException | Error failedCommit) { // nothing was carved: the claim goes back
            os.unclaim(bytes);
            throw failedCommit;
        }
        if (index < 0) {
            os.unclaim(bytes);
            return null;
        }
        Slab slab = Slab.of(region.unitBase(index), index, classes, c);
        slab.owner = taker; // before it is published: a slab in the table always has an owner
        region.publish(slab);
        demand.add(slab.bytes());
        return slab;
    }

    /** A unit skipped to align a larger slab: a whole slab of the first one-unit class, never touched. */
    private void adoptSkippedUnit(int unit, Shard home) {
        int c = 0;
        while (c < classes.count && classes.spanShift[c] != 0) {
            c++;
        }
        if (c == classes.count) {
            return; // no class of one unit: the unit stays unused address space, never committed memory in use
        }
        Slab slab = Slab.of(region.unitBase(unit), unit, classes, c);
        slab.owner = home.heap;
        region.publish(slab);
        home.acceptReleased(slab);
    }

    /** Counts {@code bytes} taken into use against the memory limit; false when it refuses them. */
    boolean claim(long bytes) {
        try {
            os.claim(bytes);
            return true;
        } catch (OutOfMemoryError refused) {
            return false;
        }
    }

    /** An empty slab of a shard (bag or stack) made ready for class {@code c} and {@code taker}. */
    Slab reshape(Slab empty, int c, Heap taker) {
        if (empty.state == Slab.EMPTY) {
            retainedBytes.addAndGet(-empty.bytes());
        }
        demand.add(empty.bytes());
        return reshaped(empty, c, taker);
    }

    /**
     * An empty slab for class {@code c} and {@code taker}: reused as it is, or remade for the class (same span). One
     * still marked remote-pending is remade too: a remote free that raced with the collection that emptied it left
     * it on its old owner's remote stack, and reused it would keep the mark, so frees into it would tell nobody.
     * The owner is written before the mark is read, as a remote free claims the mark before it reads the owner: so
     * either the mark is seen here and the slab remade, or that free pushes onto the taker's stack (a slab remade
     * keeps the taker as its owner, who leaves it alone as not in use).
     */
    Slab reshaped(Slab empty, int c, Heap taker) {
        assert empty.spanShift == classes.spanShift[c] : empty;
        assert empty.liveBlocks() == 0 : empty;
        empty.owner = taker;
        if (empty.sizeClass == c && !empty.isRemotePending()) {
            empty.cursor = 0;
            return empty;
        }
        Slab slab = Slab.of(empty.base, empty.index, classes, c);
        slab.owner = taker; // before it is published: a slab in the table always has an owner
        region.publish(slab);
        return slab;
    }

    /** A heap gave an empty slab to a shard (its bag or its stack). */
    void emptied(Slab slab) {
        retainedBytes.addAndGet(slab.bytes());
        demand.add(-slab.bytes());
    }

    /** An empty slab is on its way back to the OS. */
    void releasing(Slab slab) {
        retainedBytes.addAndGet(-slab.bytes());
    }

    /**
     * Gives back the pages of the empty slabs the pool is not likely to need again soon: those beyond the retain
     * floor and beyond what took the pool to its peak of the last window. A burst's slabs stay resident for the
     * next burst; a pool that shrank for good gives them back once the window has passed.
     */
    void releaseSurplus() {
        long retained = retainedBytes.get();
        if (retained > retainFloor) {
            releaseDownTo(Math.max(retainFloor, demand.recentPeak() - demand.inUse()));
        }
    }

    /** Gives the pages of empty slabs back until at most {@code keepBytes} of them stay resident. */
    void releaseDownTo(long keepBytes) {
        while (retainedBytes.get() > keepBytes) {
            Slab slab = bag.takeLargest();
            if (slab == null) {
                break;
            }
            slab.state = Slab.RELEASING;
            releasing(slab);
            release(slab);
        }
        for (int i = 0; i < SHARDS && retainedBytes.get() > keepBytes; i++) {
            Shard shard = shards[i];
            while (retainedBytes.get() > keepBytes && shard.hasEmpty()) {
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
            reclaimer.discard(slab.base, slab.bytes(), whenReleased);
        } else {
            boolean advised = false;
            try {
                advised = region.release(slab.base, slab.bytes());
            } finally { // refused or failed (the caller gets the OsException): resident still, a later trim tries again
                released(slab.base, !advised);
            }
        }
    }

    private void released(long address, boolean lazily) {
        if (!region.isClosed()) {
            Slab slab = region.units[(int) ((address - region.base) >>> Units.UNIT_SHIFT)];
            os.unclaim(slab.bytes()); // given back (MADV_FREE'd pages are the kernel's to take too)
            slab.releasedLazily = lazily;
            slab.owner.home.acceptReleased(slab);
        }
    }

    /**
     * Advises away for good (MADV_DONTNEED) the pages of the slabs the batch released lazily, so that after a trim
     * the resident set really drops. A slab is taken out of its shard while advised, so no heap reuses it meanwhile.
     */
    void releaseLazyPagesForGood() {
        for (Shard shard : shards) {
            List<Slab> refused = new ArrayList<>(); // put back after the loop, or it would take them again
            try {
                for (Slab slab = shard.takeReleasedLazily(); slab != null; slab = shard.takeReleasedLazily()) {
                    boolean advised = false;
                    try {
                        advised = region.release(slab.base, slab.bytes());
                    } finally { // an OsException reaches the caller, with every slab back in its shard
                        if (advised) {
                            slab.releasedLazily = false;
                            shard.acceptReleased(slab);
                        } else {
                            refused.add(slab); // still lazily released: the next trim tries again
                        }
                    }
                }
            } finally {
                refused.forEach(shard::acceptReleased);
            }
        }
    }

    long retainedBytes() {
        return retainedBytes.get();
    }

    long inUseBytes() {
        return demand.inUse();
    }

    long releases() {
        return releases.get();
    }

    long shardLocks() {
        long total = 0;
        for (Shard shard : shards) {
            total += shard.locks();
        }
        return total;
    }
}
