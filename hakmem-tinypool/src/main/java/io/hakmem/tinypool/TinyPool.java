package io.hakmem.tinypool;

import io.hakmem.spi.CounterSink;
import io.hakmem.spi.OsMemory;
import io.hakmem.spi.Reclaimer;
import io.hakmem.spi.SmallTier;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;

/**
 * TinyPool: blocks of 16 B to 1 KiB from thread-local size-class pools (seed 000, step 5).
 *
 * <p>Fast path: the thread's heap from a direct-mapped table, the current slab of the class, one bitmap word:
 * no lock, no atomic, no Java allocation. A free by the owning thread clears the bit the same way; a free by
 * any other thread sets a bit in the slab's remote bitmap with one atomic OR and, the first time, pushes the
 * slab onto its owner's remote stack (mimalloc's thread-free list, without touching the block). Everything
 * else - refilling a whole slab, collecting remote frees, giving empty slabs back - is in the {@code ...Slow}
 * methods and in {@link SharedLevel}.
 *
 * <p>Validation stays on: a free must name a whole block handed out (address in a carved slab, at a block
 * boundary, the size that was asked for) whose bit is set and not already set remotely; otherwise it is
 * refused and nothing changes.
 */
final class TinyPool implements SmallTier {
    /**
     * Only for measuring what validation costs (a benchmark row beside the validated one): skips the whole-block
     * and double-free checks of a local free. A double free then corrupts the pool: never set it in production.
     * A static final, so the JIT folds the unset default away.
     */
    private static final boolean CHECKED_FREES = !Boolean.getBoolean("hakmembench.tinypool.unchecked-frees");

    private final long base;
    private final long bytes;
    private final Slab[] slabs;
    private final Heap[] heapSlots;
    private final Region region;
    private final HeapTable heaps = new HeapTable();
    private final SharedLevel shared;
    private final long retainBytes;
    /** Remote frees by threads with no heap of their own here (virtual threads, threads that never allocated). */
    private final LongAdder anonymousFrees = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder refused = new LongAdder();

    TinyPool(TinyPoolSettings settings, OsMemory os, Reclaimer reclaimer) {
        this.region = Region.reserve(os, settings.reserveBytes());
        this.base = region.base;
        this.bytes = region.bytes;
        this.slabs = region.slabs;
        this.heapSlots = heaps.slots;
        this.shared = new SharedLevel(region, reclaimer);
        this.retainBytes = settings.retainBytes();
    }

    @Override
    public long allocate(long bytes, long alignment) {
        long size = Math.max(bytes, alignment);
        if (size > SizeClasses.MAX_BYTES) {
            return 0;
        }
        int c = SizeClasses.of(size);
        Thread thread = Thread.currentThread();
        Heap heap = heapSlots[HeapTable.slot(thread)];
        if (heap.thread == thread) {
            Slab slab = heap.current[c];
            int word = slab.cursor;
            if (slab.allocated[word] != -1L) {
                heap.allocations++;
                return slab.takeFrom(word, bytes);
            }
        }
        return allocateSlow(thread, c, bytes);
    }

    private long allocateSlow(Thread thread, int c, long bytes) {
        if (thread.isVirtual()) {
            return allocateShared(thread, c, bytes);
        }
        Heap heap = heaps.existing(thread);
        if (heap == null) {
            heap = heaps.register(thread, shared);
            if (heaps.anyDead()) {
                reclaimDeadHeaps(); // threads come and go: a new one is the moment to collect the dead ones' slabs
            }
        }
        long address = allocateFrom(heap, c, bytes);
        shared.releaseSurplus(retainBytes);
        return address;
    }

    /**
     * Virtual threads allocate from their shard's heap under its lock: they come and go by the thousand, so
     * a private heap each would hold memory nobody reclaims in time.
     */
    private long allocateShared(Thread thread, int c, long bytes) {
        Shard shard = shared.shardOf(thread);
        long address;
        shard.lock();
        try {
            address = allocateFrom(shard.heap, c, bytes);
        } finally {
            shard.unlock();
        }
        shared.releaseSurplus(retainBytes);
        return address;
    }

    /** Allocates from {@code heap}, refilling its current slab when full; by the heap's owner. 0 when exhausted. */
    private long allocateFrom(Heap heap, int c, long bytes) {
        Slab slab = heap.current[c];
        if (slab.allocated[slab.cursor] == -1L && !slab.seekFreeWord()) {
            slab = replaceCurrentSlow(heap, c);
            if (slab == null) {
                misses.increment();
                return 0;
            }
        }
        heap.allocations++;
        return slab.takeFrom(slab.cursor, bytes);
    }

    /** The current slab of class {@code c} is full: collect remote frees, else switch to another slab. */
    private Slab replaceCurrentSlow(Heap heap, int c) {
        heap.collectRemote();
        Slab full = heap.current[c];
        if (full.seekFreeWord()) {
            return full;
        }
        Slab next = refillSlow(heap, c);
        if (next == null) {
            return null;
        }
        if (!full.isExhausted()) {
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
            if (slab == null) {
                slab = shared.take(heap, c);
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
        int carved = region.carved();
        for (int i = 0; i < carved; i++) {
            Slab slab = slabs[i];
            if (slab != null && slab.owner == heap && slab.sizeClass == c && slab.state == Slab.FULL
                    && slab.used < slab.capacity) {
                return slab;
            }
        }
        return null;
    }

    @Override
    public boolean owns(long address) {
        return Long.compareUnsigned(address - base, bytes) < 0;
    }

    @Override
    public void free(long address, long bytes) {
        Slab slab = slabs[(int) ((address - base) >>> Slab.SHIFT)];
        if (slab == null) {
            throw notABlock(address, bytes);
        }
        long offset = address - slab.base;
        int shift = slab.blockShift;
        if ((offset & ((1L << shift) - 1)) != 0) {
            throw notABlock(address, bytes);
        }
        int block = (int) (offset >>> shift);
        if (CHECKED_FREES && slab.requested[block] != bytes) {
            throw notWhole(address, bytes, slab.requested[block]);
        }
        int word = block >>> 6;
        long bit = 1L << block;
        Thread thread = Thread.currentThread();
        Heap owner = slab.owner;
        if (owner.thread != thread) {
            freeRemote(thread, slab, word, bit, address, bytes);
            return;
        }
        long bits = slab.allocated[word];
        if (CHECKED_FREES && ((bits & bit) == 0 || slab.isRemotelyFreed(word, bit))) {
            throw doubleFree(address);
        }
        slab.allocated[word] = bits & ~bit;
        if (slab.state != Slab.CURRENT) {
            int used = --slab.used;
            if (used == 0 || used == slab.reusableAt) {
                settleSlow(owner, slab);
            }
        }
    }

    /** A local free emptied a slab or gave a full one room enough to serve again. */
    private void settleSlow(Heap owner, Slab slab) {
        owner.settle(slab);
        if (slab.state == Slab.EMPTY) {
            shared.releaseSurplus(retainBytes);
        }
    }

    private void freeRemote(Thread thread, Slab slab, int word, long bit, long address, long bytes) {
        if (!slab.isAllocated(word, bit) || !slab.markRemotelyFreed(word, bit)) {
            throw doubleFree(address);
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

    private IllegalArgumentException notABlock(long address, long bytes) {
        refused.increment();
        return new IllegalArgumentException("Not a block of this allocator: 0x" + Long.toHexString(address) + " ("
                + bytes + " bytes) is not the start of a small block it handed out (an interior slice?)");
    }

    private IllegalArgumentException notWhole(long address, long bytes, long requested) {
        refused.increment();
        return new IllegalArgumentException("Not a whole block: the segment at 0x" + Long.toHexString(address) + " is "
                + bytes + " bytes long but the block is " + requested
                + " bytes (free the segment allocate returned, not a slice)");
    }

    private IllegalStateException doubleFree(long address) {
        refused.increment();
        return new IllegalStateException("Double free: the small block at 0x" + Long.toHexString(address)
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
            int carved = region.carved();
            for (int i = 0; i < carved; i++) {
                Slab slab = slabs[i];
                Heap owner = slab == null ? null : slab.owner; // a racy read of the table: a slab just published
                if (owner != null && owner.reclaimed) {
                    adoptOrphan(slab);
                }
            }
            for (Heap heap : dead) {
                heap.retire(); // every slab on its remote stack has a new owner now: forwarded there
            }
        }
    }

    private static void adoptOrphan(Slab slab) {
        Shard shard = slab.owner.home;
        shard.lock();
        try {
            slab.owner = shard.heap;
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

    @Override
    public void trim(long keepBytes) {
        reclaimDeadHeaps();
        for (int i = 0; i < SharedLevel.SHARDS; i++) {
            Shard shard = shared.shard(i);
            shard.lock();
            try {
                shard.heap.collectRemote();
            } finally {
                shard.unlock();
            }
        }
        shared.releaseSurplus(keepBytes);
    }

    @Override
    public void close() {
        region.close();
    }

    @Override
    public long allocations() {
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
    @Override
    public long frees() {
        return allocations() - sumOverSlabs(Slab::liveBlocks);
    }

    /** Requested bytes of the live blocks, from the bitmaps and requested sizes: the fast path keeps no byte count. */
    @Override
    public long liveBytes() {
        return sumOverSlabs(Slab::liveBytes);
    }

    /** A scan of the carved slabs. */
    private long sumOverSlabs(ToLongFunction<Slab> measure) {
        long total = 0;
        int carved = region.carved();
        for (int i = 0; i < carved; i++) {
            Slab slab = slabs[i];
            if (slab != null) {
                total += measure.applyAsLong(slab);
            }
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
        for (Heap heap : everyHeap()) {
            refills += heap.refills;
            remoteFrees += heap.remoteFrees;
        }
        int emptySlabs = 0;
        for (int i = 0; i < SharedLevel.SHARDS; i++) {
            emptySlabs += shared.shard(i).emptySlabs();
        }
        sink.counter("tinypool.hits", allocations());
        sink.counter("tinypool.misses", misses.sum());
        sink.counter("tinypool.frees", frees());
        sink.counter("tinypool.remote-frees", remoteFrees);
        sink.counter("tinypool.refused-frees", refused.sum());
        sink.counter("tinypool.refills", refills);
        sink.counter("tinypool.heaps", heaps.live());
        sink.counter("tinypool.heaps-reclaimed", heaps.reclaimed());
        sink.counter("tinypool.slabs", region.carved());
        sink.counter("tinypool.slabs-empty", emptySlabs);
        sink.counter("tinypool.slabs-released", shared.releases());
        sink.counter("tinypool.retained-bytes", shared.retainedBytes());
        sink.counter("tinypool.committed-bytes", region.committedBytes());
        sink.counter("tinypool.reserved-bytes", region.bytes);
    }
}
