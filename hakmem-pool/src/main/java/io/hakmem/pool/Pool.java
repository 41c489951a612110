package io.hakmem.pool;

import io.hakmem.spi.SmallTier;
import io.hakmem.spi.CounterSink;
import io.hakmem.spi.OsMemory;
import io.hakmem.spi.Reclaimer;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;

/**
 * What TinyPool and MidPool share: thread heaps over one region of slabs, and every path but the two fast ones.
 * Each subclass has its own fast allocate and free (the arithmetic of its size classes, inlined into the
 * allocator's path); everything else - refilling a whole slab, collecting remote frees, giving empty slabs back,
 * reclaiming the slabs of dead threads - is here, in the {@code ...Slow} methods and in {@link SharedLevel}.
 *
 * <p>Allocate: thread heap (direct-mapped by thread id) &rarr; current slab of the class &rarr; first free bit of
 * the cursor word. Free by the owner: mark the block's request freed and clear its bit (TinyPool keeps the last
 * block freed on a current slab for the next allocation instead, its bit set: {@link Slab}'s {@code lastFreed}).
 * Free by any other thread: a CAS of the block's request to {@link Slab#REMOTE}, one atomic OR into the slab's
 * remote bitmap and, the first time, a push of the slab onto its owner's remote stack. No lock, no atomic and no
 * Java allocation on the owner's paths, but for one CAS in the free of a block by address (below).
 *
 * <p>Validation stays on: a free must name a whole block handed out (address in a carved slab, at a block
 * boundary, the size that was asked for, the same way it was handed out: as a segment or by address) and not freed
 * since, all of which the block's recorded request tells; otherwise it is refused and nothing changes. The one
 * double free not refused on the spot is a free of a segment by the owner and one by another thread of the same
 * block at the same moment (the owner's path has no atomic to decide between them): both return, the collection
 * finds the other thread's free stale and drops it (counted in {@code refused-frees} and logged, unless the slab
 * emptied first), and no block is handed out twice. A block by address is freed by its owner with a CAS too, since
 * each free that returns unpins it. A second free that arrives after the block was handed out again (its CAS
 * after the new allocation) is, to any allocator that knows blocks by address, the free of the new block, and frees
 * it: freed blocks are handed out again last-freed first, as by malloc's thread caches, so such a free finds the
 * block reused more often than it would at random.
 */
abstract sealed class Pool implements SmallTier permits TinyPool, MidPool {
    /** Refills a thread's heap may serve from partial slabs before it collects its remote frees again. */
    static final int COLLECT_AT_LEAST_EVERY = 128;
    final long base;
    final long bytes;
    final Slab[] units;
    final Heap[] heapSlots;
    final Region region;
    final HeapTable heaps = new HeapTable();
    final SharedLevel shared;
    final ClassTable classes;
    private final String prefix;
    /** Remote frees by threads with no heap of their own here (virtual threads, threads that never allocated). */
    private final LongAdder anonymousFrees = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder refused = new LongAdder();

    Pool(String prefix, ClassTable classes, PoolSettings settings, OsMemory os, Reclaimer reclaimer) {
        this.prefix = prefix;
        this.classes = classes;
        this.region = Region.reserve(os, settings.reserveBytes());
        this.base = region.base;
        this.bytes = region.bytes;
        this.units = region.units;
        this.heapSlots = heaps.slots;
        this.shared = new SharedLevel(classes, region, os, reclaimer, settings.retainBytes(),
                settings.retainWindow().toNanos());
    }

    /** Takes a free block of the word at {@code word} of the current slab {@code slab}; the subclass's arithmetic. */
    abstract long take(Slab slab, int word, long bytes, boolean byAddress);

    /**
     * Marks block {@code block} freed in the slab's requests, in the subclass's own array: the local free's part of
     * {@link Slab#forget}, with no test of which array the slab has. Owner only, before the block's bit is cleared.
     */
    abstract void forget(Slab slab, int block);

    /**
     * Takes block {@code block} for a free, in the subclass's own array of requests: a CAS of its request from
     * {@code request}, the one the caller matched, to {@code freed} ({@link Slab#REMOTE} for a free by another
     * thread, {@link Slab#FREE} for the owner's free of a block by address). False if the request changed since
     * (another free took the block first).
     */
    abstract boolean claim(Slab slab, int block, int request, int freed);

    /** Whether {@code address} lies in this pool's region: one unsigned compare. */
    public final boolean owns(long address) {
        return Long.compareUnsigned(address - base, bytes) < 0;
    }

    final long allocateSlow(Thread thread, int c, long bytes, boolean byAddress) {
        if (thread.isVirtual()) {
            return allocateShared(thread, c, bytes, byAddress);
        }
        Heap heap = heaps.existing(thread);
        if (heap == null) {
            heap = heaps.register(thread, shared);
            if (heaps.anyDead()) {
                reclaimDeadHeaps(); // threads come and go: a new one is the moment to collect the dead ones' slabs
            }
        }
        shared.releaseSurplus(); // first: an OS failure it meets reaches the caller with no block taken
        return allocateFrom(heap, c, bytes, byAddress);
    }

    /**
     * Virtual threads allocate from their shard's heap under its lock: they come and go by the thousand, so
     * a private heap each would hold memory nobody reclaims in time.
     */
    private long allocateShared(Thread thread, int c, long bytes, boolean byAddress) {
        Shard shard = shared.shardOf(thread);
        shared.releaseSurplus(); // first: an OS failure it meets reaches the caller with no block taken
        shard.lock();
        try {
            return allocateFrom(shard.heap, c, bytes, byAddress);
        } finally {
            shard.unlock();
        }
    }

    /** Allocates from {@code heap}, refilling its current slab when full; by the heap's owner. 0 when exhausted. */
    private long allocateFrom(Heap heap, int c, long bytes, boolean byAddress) {
        Slab slab = heap.current[c];
        if (slab.allocated[slab.cursor] == -1L && !slab.seekFreeWord()) {
            slab = replaceCurrentSlow(heap, c);
            if (slab == null) {
                misses.increment();
                return 0;
            }
        }
        heap.allocations++;
        return take(slab, slab.cursor, bytes, byAddress);
    }

    /**
     * The current slab of class {@code c} is full: a thread's heap switches to a partial slab, else (and at least
     * every {@link #COLLECT_AT_LEAST_EVERY} refills, so that a thread busy with one class still hands back the
     * slabs other threads emptied for it) it collects remote frees and switches to whatever they freed; a shard
     * collects first. Collecting only then lets remote frees gather: a slab stays on the remote stack, marked
     * pending, and every further free into it by another thread is its block's CAS and one atomic OR instead of
     * those, a CAS on the slab and a push onto this heap's stack. (Collecting at every refill, 85 % of larson's
     * remote frees paid all three; now 6 %.)
     */
    private Slab replaceCurrentSlow(Heap heap, int c) {
        Slab full = heap.current[c];
        if (full.lastFreed >= 0) { // held for the fast path, which a thread that lost its table slot does not take
            full.releaseLastFreed();
            full.seekFreeWord();
            return full;
        }
        Slab next = null;
        if (heap.thread != null && heap.refills - heap.refillsAtCollection < COLLECT_AT_LEAST_EVERY) {
            next = heap.popPartial(c);
        }
        if (next == null) {
            heap.collectRemote();
            heap.refillsAtCollection = heap.refills;
            if (full.seekFreeWord()) {
                return full;
            }
            next = refillSlow(heap, c);
        }
        if (next == null) {
            return null;
        }
        if (!full.isExhausted()) {
            assert full.lastFreed < 0 : "only a current slab holds a block";
            full.state = Slab.FULL;
            full.used = full.capacity;
        }
        next.state = Slab.CURRENT;
        heap.current[c] = next;
        heap.refills++;
        next.seekFreeWord();
        return next;
    }

    private Slab refillSlow(Heap heap, int c) {
        Slab slab;
        if (heap.thread == null) {
            slab = heap.home.takeFor(heap, c);
            if (slab == null) {
                slab = shared.carve(heap, c);
            }
        } else {
            slab = heap.popPartial(c);
            int span = classes.spanShift[c];
            if (slab == null) {
                Slab spare = heap.takeSpare(span, heap);
                slab = spare != null ? shared.reshaped(spare, c, heap) : shared.take(heap, c);
            }
            if (slab == null) {
                Slab stolen = heaps.stealSpare(span, heap);
                slab = stolen != null ? shared.reshaped(stolen, c, heap) : shared.carve(heap, c);
            }
            if (slab == null && heaps.anyDead()) {
                reclaimDeadHeaps();
                slab = shared.take(heap, c);
            }
        }
        return slab != null ? slab : scavengeSlow(heap, c);
    }

    /**
     * The region is used up: any slab of this heap with a free block will do, even one not yet
     * {@linkplain Slab#reusableAt reusable}. A scan of every slab, so only here.
     */
    private Slab scavengeSlow(Heap heap, int c) {
        Slab[] found = new Slab[1];
        forEachSlab(slab -> {
            if (found[0] == null && slab.owner == heap && slab.sizeClass == c && slab.state == Slab.FULL
                    && slab.used < slab.capacity) {
                found[0] = slab;
            }
            return 0;
        });
        return found[0];
    }

    /**
     * The free of a block whose slab the subclass found and whose recorded {@code request} matched this free's; by
     * the owner here, by any other thread in {@link #freeRemote}.
     */
    final void freeBlock(Slab slab, int block, int request, boolean byAddress, long address) {
        Thread thread = Thread.currentThread();
        Heap owner = slab.owner;
        int word = block >>> 6;
        long bit = 1L << block;
        if (owner.thread != thread) {
            freeRemote(thread, slab, block, request, address);
            return;
        }
        long bits = slab.allocated[word];
        assert (bits & bit) != 0 : "a block holding its request is allocated";
        forgetOwned(slab, block, request, byAddress, address);
        slab.allocated[word] = bits & ~bit;
        if (slab.state != Slab.CURRENT) {
            int used = --slab.used;
            if (used == 0 || used == slab.reusableAt) {
                settleSlow(owner, slab);
            }
        }
    }

    /** The owner's free marks block {@code block}'s request freed, before its bit is cleared or the block held. */
    final void forgetOwned(Slab slab, int block, int request, boolean byAddress, long address) {
        if (!byAddress) {
            forget(slab, block);
        } else if (!claim(slab, block, request, Slab.FREE)) {
            // a block by address is pinned until freed, and the allocator unpins once per free that returns: so
            // of two frees at once, by its owner and by another thread, exactly one may return (one CAS more)
            throw doubleFree(address);
        }
    }

    /** A local free emptied a slab or gave a full one room enough to serve again. */
    private void settleSlow(Heap owner, Slab slab) {
        owner.settle(slab);
        if (slab.state == Slab.EMPTY) {
            shared.releaseSurplus();
        }
    }

    private void freeRemote(Thread thread, Slab slab, int block, int request, long address) {
        // the caller matched the block's request, which a free block never holds: it is handed out, unless another
        // free took it since, which the CAS tells
        if (!claim(slab, block, request, Slab.REMOTE)) {
            throw doubleFree(address);
        }
        if (!slab.markRemotelyFreed(block >>> 6, 1L << block)) {
            refused.increment(); // a raced free's stale bit, which the collection will not see apart from this one
        }
        if (slab.claimRemotePending()) {
            slab.owner.pushRemote(slab);
        }
        Heap mine = heapSlots[HeapTable.slot(thread)];
        if (mine.thread == thread) {
            mine.remoteFrees++;
        } else {
            anonymousFrees.increment();
        }
    }

    final IllegalArgumentException notABlock(long address, long bytes) {
        refused.increment();
        return new IllegalArgumentException("Not a block of this allocator: 0x" + Long.toHexString(address) + " ("
                + bytes + " bytes) is not the start of a block it handed out (an interior slice?)");
    }

    /** The block's recorded request is not this free's: a slice, or a block handed out the other way. */
    final RuntimeException notWhole(long address, long bytes, boolean byAddress, int recorded) {
        if (recorded == Slab.FREE || recorded == Slab.REMOTE) {
            return doubleFree(address);
        }
        if (recorded == Slab.NEVER) {
            return notABlock(address, bytes);
        }
        refused.increment();
        boolean recordedByAddress = Slab.isByAddress(recorded);
        long recordedBytes = Slab.requestedBytes(recorded);
        if (recordedByAddress != byAddress) {
            return new IllegalArgumentException("The block at 0x" + Long.toHexString(address) + " was handed out "
                    + (recordedByAddress ? "by address: free it with freeAddress" : "as a segment: free the segment"));
        }
        return new IllegalArgumentException("Not a whole block: the segment at 0x" + Long.toHexString(address)
                + " is " + bytes + " bytes long but the block is " + recordedBytes
                + " bytes (free the segment allocate returned, not a slice)");
    }

    final IllegalStateException doubleFree(long address) {
        refused.increment();
        return new IllegalStateException("Double free: the block at 0x" + Long.toHexString(address)
                + " is already freed");
    }

    /**
     * Slabs of threads that died go to their shards, so their free blocks serve others and the blocks they
     * handed out can still be freed (netty#12749 is this leak).
     */
    private void reclaimDeadHeaps() {
        synchronized (heaps) {
            List<Heap> dead = heaps.takeDead();
            if (dead.isEmpty()) {
                return;
            }
            forEachSlab(slab -> {
                Heap owner = slab.owner; // a racy read of the table: a slab just published
                if (owner != null && owner.reclaimed) {
                    adoptOrphan(slab, owner);
                }
                return 0;
            });
            for (Heap heap : dead) {
                heap.retire(); // every slab on its remote stack has a new owner now: forwarded there
            }
        }
    }

    private static void adoptOrphan(Slab slab, Heap dead) {
        Shard shard = dead.home;
        shard.lock();
        try {
            if (!slab.moveOwner(dead, shard.heap)) {
                return; // a spare another thread stole first: the thief has it
            }
            if (slab.state == Slab.CURRENT) {
                slab.recount();
            }
            if (slab.used == 0) {
                shard.acceptEmpty(slab);
            } else if (slab.used < slab.capacity) {
                slab.state = Slab.PARTIAL;
                shard.heap.partial[slab.sizeClass].push(slab);
            } else {
                slab.state = Slab.FULL;
            }
        } finally {
            shard.unlock();
        }
    }

    /**
     * Collects what dead threads and shards hold, the spare slabs of live threads and the calling thread's empty
     * current slabs (another thread's current slabs are its owner's alone), gives empty slabs back down to
     * {@code keepBytes}, and advises away for good the pages the batch released lazily.
     */
    @Override
    public void trim(long keepBytes) {
        reclaimDeadHeaps();
        retireEmptyCurrentSlabs(heaps.existing(Thread.currentThread()));
        synchronized (heaps) { // as the reclaimer: a dead heap's spares are adopted once, by one of the two
            for (Heap heap : heaps.snapshot()) {
                heap.drainSpares(slab -> {
                    if (slab.owner == heap) {
                        heap.home.acceptEmpty(slab);
                    }
                });
            }
        }
        for (int i = 0; i < SharedLevel.SHARDS; i++) {
            Shard shard = shared.shard(i);
            shard.lock();
            try {
                shard.heap.collectRemote();
            } finally {
                shard.unlock();
            }
        }
        shared.releaseDownTo(keepBytes);
        shared.releaseLazyPagesForGood();
    }

    /** The empty current slabs of {@code heap}, the calling thread's, go to its shard; owner only. */
    private static void retireEmptyCurrentSlabs(Heap heap) {
        if (heap == null) {
            return;
        }
        for (int c = 0; c < heap.current.length; c++) {
            Slab slab = heap.current[c];
            if (slab.isExhausted()) {
                continue;
            }
            heap.collectRemote();
            slab.recount();
            if (slab.used == 0) {
                heap.current[c] = Slab.EXHAUSTED;
                heap.home.acceptEmpty(slab);
            }
        }
    }

    @Override
    public void close() {
        region.close();
    }

    /** Blocks handed out by this pool so far. */
    public final long allocations() {
        long total = 0;
        for (Heap heap : everyHeap()) {
            total += heap.allocations;
        }
        return total;
    }

    /**
     * Every block handed out and no longer live: derived from the bitmaps rather than counted, so a local free
     * stores nothing but its bit. Exact when no thread allocates or frees, like {@link #liveBytes}.
     */
    public final long frees() {
        return allocations() - forEachSlab(Slab::liveBlocks);
    }

    /** Requested bytes of the live blocks, from the bitmaps and requested sizes: the fast path keeps no byte count. */
    public final long liveBytes() {
        return forEachSlab(Slab::liveBytes);
    }

    /** Applies {@code measure} to every carved slab once and sums the results. */
    private long forEachSlab(ToLongFunction<Slab> measure) {
        long total = 0;
        int carved = region.carved();
        for (int unit = 0; unit < carved; ) {
            Slab slab = units[unit];
            if (slab == null) {
                unit++;
                continue;
            }
            if (slab.index == unit) {
                total += measure.applyAsLong(slab);
            }
            unit = slab.index + (1 << slab.spanShift); // past it, even when a racy read landed inside it
        }
        return total;
    }

    private List<Heap> everyHeap() {
        List<Heap> all = heaps.snapshot();
        for (int i = 0; i < SharedLevel.SHARDS; i++) {
            all.add(shared.shard(i).heap);
        }
        return all;
    }

    @Override
    public void report(CounterSink sink) {
        long refills = 0;
        long remoteFrees = anonymousFrees.sum();
        long remoteNotices = 0;
        long refused = this.refused.sum();
        for (Heap heap : everyHeap()) {
            refills += heap.refills;
            remoteFrees += heap.remoteFrees;
            remoteNotices += heap.remoteNotices;
            refused += heap.racedFrees;
        }
        int emptySlabs = shared.bag.size();
        for (int i = 0; i < SharedLevel.SHARDS; i++) {
            emptySlabs += shared.shard(i).emptySlabs();
        }
        long[] slabs = {0};
        forEachSlab(slab -> slabs[0]++);
        sink.counter(prefix + "hits", allocations());
        sink.counter(prefix + "misses", misses.sum());
        sink.counter(prefix + "frees", frees());
        sink.counter(prefix + "remote-frees", remoteFrees);
        sink.counter(prefix + "refused-frees", refused);
        sink.counter(prefix + "remote-notices", remoteNotices);
        sink.counter(prefix + "refills", refills);
        sink.counter(prefix + "shard-locks", shared.shardLocks());
        sink.counter(prefix + "heaps", heaps.live());
        sink.counter(prefix + "heaps-reclaimed", heaps.reclaimed());
        sink.counter(prefix + "slabs", slabs[0]);
        sink.counter(prefix + "slabs-empty", emptySlabs);
        sink.counter(prefix + "slabs-released", shared.releases());
        sink.counter(prefix + "live-bytes", liveBytes());
        sink.counter(prefix + "in-use-bytes", shared.inUseBytes());
        sink.counter(prefix + "retained-bytes", shared.retainedBytes());
        sink.counter(prefix + "committed-bytes", region.committedBytes());
        sink.counter(prefix + "reserved-bytes", region.bytes);
    }
}
