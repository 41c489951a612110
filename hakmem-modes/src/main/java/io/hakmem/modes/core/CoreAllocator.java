package io.hakmem.modes.core;

import io.hakmem.Hakmem;
import io.hakmem.HakmemStats;
import io.hakmem.Mode;
import io.hakmem.Site;
import io.hakmem.spi.AllocatorPart;
import io.hakmem.spi.OsException;
import io.hakmem.spi.OsMemory;
import io.hakmem.spi.PageFaults;
import io.hakmem.spi.ProfileWriter;
import io.hakmem.spi.SmallTier;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The allocator: validates, then offers the request to the small tier, then the mid tier, and what neither serves
 * to the route composed at create. Every segment it returns is a slice of one address-space segment scoped to a
 * shared arena of its own, so closing the allocator invalidates them all and no later access can fault.
 *
 * <p>Blocks handed out by address have no segment to invalidate, so they keep their memory past close: they are
 * pinned. Close gives back everything else at once, and the pools (whose regions may hold pinned blocks) when the
 * last pinned block is freed. The protocol, in two duties: (i) an allocation by address counts itself pinned
 * before it reads {@code closed}, and close sets {@code closed} before it reads the count, so either the
 * allocation sees the close and gives up, or close sees the pin and waits for it; (ii) a free by address unpins
 * after the memory is back in its pool, and the pools close once closing is allowed and nothing is pinned, by
 * whichever of close and the last free sees both (exactly once).
 */
public sealed class CoreAllocator implements Hakmem permits WatchedAllocator {
    private final Mode mode;
    private final Route route;
    private final Arena scope;
    /** The scope of every block this allocator hands out: a free of any other segment is refused. */
    private final MemorySegment.Scope blockScope;
    private final MemorySegment space;
    private final OsMemory os;
    private final MappedBlocks mapped;
    private final BlockRegistry registry;
    /** TinyPool, or {@link NoSmallTier} when the preset has none. */
    private final SmallTier small;
    /** MidPool, or {@link NoSmallTier} when the preset has none. */
    private final SmallTier mid;
    /** Blocks handed out by address and not yet freed. */
    private final PinnedBlocks pinned = new PinnedBlocks();
    /** Set by close once the pools may close (after the batch's last flush). */
    private volatile boolean poolsClosable;
    private final AtomicBoolean poolsClosed = new AtomicBoolean();
    private final List<AllocatorPart> pools;
    /** The parts that hold freed memory, in trim order. */
    private final List<AllocatorPart> holders;
    private final List<AllocatorPart> closeOrder;
    private final List<AllocatorPart> trimOrder;
    private final SiteTable sites;
    private volatile boolean closed;
    private final IdleRelease idle;
    final LeakDetection leaks;
    /** Leak detection and the trace recorder, as far as they are on; only a {@link WatchedAllocator} calls it. */
    final BlockObserver observer;
    private final JmxRegistration jmx;

    CoreAllocator(Mode mode, Parts parts, Oversight oversight, BlockObserver trace) {
        this.mode = mode;
        this.os = parts.os();
        this.mapped = MappedBlocks.create(parts);
        this.registry = new BlockRegistry();
        this.small = parts.small().orElse(NoSmallTier.INSTANCE);
        this.mid = parts.mid().<SmallTier>map(tier -> tier).orElse(NoSmallTier.INSTANCE);
        this.pools = parts.pools();
        this.holders = parts.holders();
        this.closeOrder = parts.closeOrder();
        this.trimOrder = parts.trimOrder();
        this.route = compose(parts, registry);
        this.scope = Arena.ofShared();
        this.blockScope = scope.scope();
        this.space = os.addressSpace(scope);
        this.leaks = oversight.leakDetection(this::siteName);
        this.observer = BlockObservers.of(leaks, trace);
        this.sites = new SiteTable(this, parts.selector(), observer);
        this.idle = IdleRelease.start(this, parts, registry);
        this.jmx = oversight.jmx()
                ? JmxRegistration.register(this, parts.selector() instanceof ProfileWriter learner ? learner : null)
                : JmxRegistration.NONE;
        StatisticsEvent.opened(this);
    }

    /**
     * Composes the allocator from its parts; the only place that looks at which seams are bound. With leak
     * detection and recording off, no block passes a hook: the hooks live in {@link WatchedAllocator} only.
     */
    public static CoreAllocator create(Mode mode, Parts parts, Oversight oversight) {
        try {
            if (!oversight.watchesBlocks()) {
                return new CoreAllocator(mode, parts, oversight, BlockObserver.NONE);
            }
            BlockObserver trace = oversight.openTrace(); // a file that cannot be written is refused here
            try {
                return new WatchedAllocator(mode, parts, oversight, trace);
            } catch (RuntimeException | Error e) {
                trace.close();
                throw e;
            }
        } catch (RuntimeException | Error e) {
            parts.closeAfterFailedCreate(e);
            throw e;
        }
    }

    private Route compose(Parts parts, BlockRegistry registry) { // the route below the pools
        OsMemory os = parts.os();
        MallocBlocks malloc = new MallocBlocks(os, registry);
        if (parts.largeMmap()) {
            LargeBlocks large = parts.reclaimer()
                    .<LargeBlocks>map(reclaimer -> new ReclaimedBlocks(reclaimer, mapped, os.pageSize()))
                    .orElse(mapped);
            LargeBlocks cached = parts.cache()
                    .<LargeBlocks>map(cache -> {
                        cache.connect(large::release);
                        return new CachedBlocks(cache, large, os.pageSize());
                    })
                    .orElse(large);
            return new ThresholdRoute(parts.selector(), cached, malloc, registry, mapped);
        }
        return new MallocRoute(malloc, registry);
    }

    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment) {
        return allocateAt(byteSize, byteAlignment, 0);
    }

    MemorySegment allocateAt(long byteSize, long byteAlignment, int site) {
        return space.asSlice(allocateRaw(byteSize, byteAlignment, site, false), byteSize);
    }

    /** The address of a new block, from the small tier, the mid tier or the route, in that order. */
    private long allocateRaw(long byteSize, long byteAlignment, int site, boolean byAddress) {
        checkOpen();
        Requests.check(byteSize, byteAlignment);
        try {
            return allocateFromParts(byteSize, byteAlignment, site, byAddress);
        } catch (MemoryLimitExceeded limit) {
            return allocateAfterGivingBack(byteSize, byteAlignment, site, byAddress, limit);
        }
    }

    /**
     * {@code hakmem.max-bytes} refused the request: the pools, the cache and the batch give back everything they
     * hold, and the request is tried once more before the limit reaches the caller.
     */
    private long allocateAfterGivingBack(long byteSize, long byteAlignment, int site, boolean byAddress,
                                         MemoryLimitExceeded first) {
        for (AllocatorPart holder : holders) {
            try {
                holder.trim(0);
            } catch (RuntimeException e) {
                first.addSuppressed(e);
            }
        }
        try {
            return allocateFromParts(byteSize, byteAlignment, site, byAddress);
        } catch (MemoryLimitExceeded again) {
            OutOfMemoryError error = new OutOfMemoryError("Cannot allocate " + byteSize + " bytes, even after the "
                    + "pools, the cache and the batch gave back what they held: " + again.getMessage());
            error.addSuppressed(first);
            throw error;
        }
    }

    private long allocateFromParts(long byteSize, long byteAlignment, int site, boolean byAddress) {
        long address = small.allocate(byteSize, byteAlignment, byAddress);
        if (address != 0) {
            return address;
        }
        address = mid.allocate(byteSize, byteAlignment, byAddress);
        if (address != 0) {
            return address;
        }
        return route.allocate(byteSize, byteAlignment, site, byAddress ? BlockInfo.BY_ADDRESS : BlockInfo.SEGMENT);
    }

    @Override
    public void free(MemorySegment segment) {
        checkOpen();
        if (segment.scope() != blockScope) { // scopes are compared by identity: equals is Object's
            throw new IllegalArgumentException("Not a block of this allocator: " + describe(segment)
                    + " (a segment of another arena, a heap segment, or of an arena of this allocator, "
                    + "which frees its segments on close)");
        }
        long address = segment.address();
        long bytes = segment.byteSize();
        if (small.owns(address)) {
            small.free(address, bytes, false);
        } else if (mid.owns(address)) {
            mid.free(address, bytes, false);
        } else {
            route.free(address, bytes, BlockInfo.SEGMENT);
        }
    }

    @Override
    public long allocateAddress(long byteSize, long byteAlignment) {
        return allocateAddressAt(byteSize, byteAlignment, 0);
    }

    /** Duty (i) of the close protocol: pinned first, then the open check (in {@link #allocateRaw}). */
    long allocateAddressAt(long byteSize, long byteAlignment, int site) {
        pinned.pin();
        try {
            return allocateRaw(byteSize, byteAlignment, site, true);
        } catch (RuntimeException | Error e) {
            unpin();
            throw e;
        }
    }

    /**
     * An {@link OsException} from a free comes after the block was freed (a release or an unmap the free set off
     * failed), so the block is unpinned then too; a refusal leaves it pinned, since it is still live.
     */
    @Override
    public void freeAddress(long address, long byteSize) {
        try {
            if (small.owns(address)) {
                small.free(address, byteSize, true);
            } else if (mid.owns(address)) {
                mid.free(address, byteSize, true);
            } else {
                freeRouteBlock(address, byteSize, BlockInfo.BY_ADDRESS);
            }
        } catch (OsException freedNonetheless) {
            try {
                unpin();
            } catch (RuntimeException | Error closingFailed) { // closing the pools, the last pin gone: both are told
                freedNonetheless.addSuppressed(closingFailed);
            }
            throw freedNonetheless;
        }
        unpin();
    }

    /** Duty (ii) of the close protocol. */
    private void unpin() {
        pinned.unpin();
        if (closed) {
            closePoolsIfUnpinned();
        }
    }

    /** Once close allows it and no block by address is live, the pools give their regions back; exactly once. */
    private void closePoolsIfUnpinned() {
        if (poolsClosable && pinned.live() == 0 && poolsClosed.compareAndSet(false, true)) {
            Failures failures = new Failures();
            pools.forEach(pool -> failures.run(pool::close));
            failures.rethrow();
        }
    }

    /** A block for one of this allocator's arenas: it survives the allocator's close until the arena frees it. */
    long allocateForArena(long byteSize, long byteAlignment) {
        checkOpen();
        Requests.check(byteSize, byteAlignment);
        return route.allocate(byteSize, byteAlignment, 0, BlockInfo.ARENA);
    }

    /** Frees a block of one of this allocator's arenas. */
    void freeArenaBlock(long address, long byteSize) {
        freeRouteBlock(address, byteSize, BlockInfo.ARENA);
    }

    /**
     * Frees a pinned block of the route. Once the allocator is closed its cache and batch are gone, so the block
     * goes straight back to the OS.
     */
    private void freeRouteBlock(long address, long byteSize, long kind) {
        if (!closed) {
            route.free(address, byteSize, kind);
            return;
        }
        long info = registry.release(address, byteSize, kind);
        if (BlockInfo.isMapped(info)) {
            os.unmap(address, BlockInfo.capacity(info));
        } else {
            os.free(address, MallocBlocks.mallocSize(byteSize));
        }
    }

    private static String describe(MemorySegment segment) {
        return segment.isNative()
                ? "native segment at 0x" + Long.toHexString(segment.address()) + " of " + segment.byteSize() + " bytes"
                : "heap segment of " + segment.byteSize() + " bytes";
    }

    @Override
    public Site site(String name) {
        checkOpen();
        return sites.get(name);
    }

    /** The name of site {@code id}, off the hot path (leak reports). */
    private String siteName(int id) {
        return sites.name(id);
    }

    @Override
    public Arena newArena() {
        checkOpen();
        HakmemArena arena = new HakmemArena(this, os);
        leaks.watch(arena);
        return arena;
    }

    @Override
    public HakmemStats stats() {
        checkOpen();
        Map<String, Long> counters = new TreeMap<>();
        registry.report(counters::put);
        mapped.report(counters::put);
        idle.report(counters::put);
        observer.report(counters::put);
        for (SmallTier tier : List.of(small, mid)) {
            counters.merge(HakmemStats.ALLOCATIONS, tier.allocations(), Long::sum);
            counters.merge(HakmemStats.FREES, tier.frees(), Long::sum);
            counters.merge(HakmemStats.LIVE_BYTES, tier.liveBytes(), Long::sum);
        }
        counters.put(HakmemStats.PINNED_BLOCKS, pinned.live());
        trimOrder.forEach(part -> part.report(counters::put)); // every part, the pools included
        sites.report(counters::put);
        PageFaults faults = os.pageFaults();
        counters.put(HakmemStats.MINOR_FAULTS, faults.minor());
        counters.put(HakmemStats.MAJOR_FAULTS, faults.major());
        counters.put(HakmemStats.RESIDENT_BYTES, os.residentBytes());
        return new HakmemStats(counters);
    }

    @Override
    public Mode mode() {
        return mode;
    }

    @Override
    public void trim() {
        checkOpen();
        Failures failures = new Failures();
        trimOrder.forEach(part -> failures.run(() -> part.trim(0)));
        failures.run(mapped::retryRefusedUnmaps);
        failures.rethrow();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closeScope(); // first: the JDK refuses while a segment is in use, and then nothing has changed yet
            closed = true;
        }
        idle.stop();
        jmx.unregister();
        StatisticsEvent.closed(this);
        leaks.reportLiveAtClose();
        observer.close(); // the trace ends here: the blocks close gives back are not frees of the program
        // Live blocks go straight back to the OS; the registry marks each freed as it goes, so a free
        // racing with close either came first or is refused. One refusal by the OS does not stop the rest
        // from going back: failures are collected and thrown together at the end.
        Failures failures = new Failures();
        registry.releaseAllButPinned((address, requested, info) -> failures.run(() -> {
            if (BlockInfo.isMapped(info)) {
                os.unmap(address, BlockInfo.capacity(info));
            } else {
                os.free(address, MallocBlocks.mallocSize(requested));
            }
        }));
        closeOrder.forEach(part -> failures.run(part::close));
        failures.run(mapped::retryRefusedUnmaps); // after the parts: the cache's and the batch's last unmaps too
        poolsClosable = true;
        failures.run(this::closePoolsIfUnpinned);
        failures.rethrow();
    }

    /** Kills every segment of this allocator; refused, with the allocator left open, while one is in use. */
    private void closeScope() {
        try {
            scope.close();
        } catch (IllegalStateException inUse) {
            throw new IllegalStateException("Cannot close this Hakmem (" + mode + ") yet: one of its segments is in use "
                    + "by another thread (a downcall or an I/O operation holds it); it stays open, close it again once "
                    + "that is done", inUse);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("This Hakmem (" + mode + ") is closed");
        }
    }

    @Override
    public String toString() {
        return "Hakmem[" + mode + (closed ? ", closed]" : "]");
    }
}
