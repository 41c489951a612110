package io.hakmem.bigcache;

import io.hakmem.spi.CounterSink;
import io.hakmem.spi.LargeBlockCache;
import io.hakmem.spi.LargeBlockSink;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Freed large blocks kept mapped for reuse, per site and size class, under a hard cap on their bytes; the
 * least recently freed go downstream when the cap is reached. See the package documentation for the
 * structure and its rules.
 */
final class BigCache implements LargeBlockCache {
    private static final VarHandle BYTES;

    static {
        try {
            BYTES = MethodHandles.lookup().findVarHandle(BigCache.class, "bytes", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SizeClasses classes;
    private final long maxBytes;
    private final LongSupplier clock;
    /** sites[site][class]; replaced, never changed in place, when a new site shows up. */
    private volatile Bin[][] sites = new Bin[0][];
    /** Bytes of the cached blocks plus reservations in flight; at most maxBytes at every instant. */
    @SuppressWarnings("unused") // through BYTES
    private volatile long bytes;
    /** Connected once by the core, before any other call. */
    private volatile LargeBlockSink downstream;
    /** Serialises the evictor's scans (a slow path); guards {@link #evictions}. */
    private final Object evictor = new Object();
    private long evictions;
    private final LongAdder refused = new LongAdder();
    /** After close, freed blocks go straight downstream (a free racing with close must not be kept forever). */
    private volatile boolean closed;

    /**
     * @param clock the time a block is freed at, in nanoseconds; only its order matters (LRU)
     */
    BigCache(SizeClasses classes, long maxBytes, LongSupplier clock) {
        this.classes = classes;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    @Override
    public void connect(LargeBlockSink downstream) {
        this.downstream = downstream;
    }

    @Override
    public long capacityFor(long bytes) {
        return classes.capacityFor(bytes);
    }

    @Override
    public long take(int site, long capacity) {
        int sizeClass = classes.indexOf(capacity);
        if (sizeClass < 0) {
            return 0;
        }
        long address = bins(site)[sizeClass].take();
        if (address != 0) {
            BYTES.getAndAdd(this, -capacity);
        }
        return address;
    }

    @Override
    public boolean offer(int site, long address, long capacity) {
        int sizeClass = classes.indexOf(capacity);
        if (sizeClass < 0 || capacity > maxBytes || closed) {
            refused.increment();
            return false;
        }
        Bin bin = bins(site)[sizeClass];
        boolean reserved;
        try {
            reserved = reserve(capacity);
        } catch (RuntimeException | Error evictionFailed) {
            // an evicted block's release failed before this block was counted in: it is not cached, so it goes
            // downstream as a refused block would, and the failure after it (else its mapping would be lost)
            refused.increment();
            try {
                downstream.release(site, address, capacity);
            } catch (RuntimeException | Error alsoFailed) {
                evictionFailed.addSuppressed(alsoFailed);
            }
            throw evictionFailed;
        }
        if (!reserved) {
            refused.increment();
            return false;
        }
        bin.push(address, clock.getAsLong());
        if (closed) {
            trim(0); // close ran its trim before this push could be seen: send the block on as close would
        }
        return true;
    }

    /**
     * Counts {@code capacity} into the cached bytes before the block is pushed, with a CAS that never takes
     * them over the cap (an add-then-undo would, for an instant, and a concurrent reader would see it).
     */
    private boolean reserve(long capacity) {
        long cached;
        do {
            cached = (long) BYTES.getVolatile(this);
            if (cached + capacity > maxBytes) {
                return reserveSlow(capacity);
            }
        } while (!BYTES.weakCompareAndSet(this, cached, cached + capacity));
        return true;
    }

    /** Over the cap: evicts the oldest blocks until {@code capacity} fits; false if it never does. */
    private boolean reserveSlow(long capacity) {
        while (true) {
            long cached = (long) BYTES.getVolatile(this);
            if (cached + capacity <= maxBytes) {
                if (BYTES.compareAndSet(this, cached, cached + capacity)) {
                    return true;
                }
            } else if (!evictOldest("cap")) {
                return false; // nothing left to evict: the room is taken by reservations in flight
            }
        }
    }

    /** Hands the globally oldest cached block downstream; false when the cache is empty. */
    private boolean evictOldest(String reason) {
        int site;
        int sizeClass;
        long address;
        synchronized (evictor) {
            do {
                Bin[][] all = sites;
                site = -1;
                sizeClass = -1;
                long oldest = Long.MAX_VALUE;
                for (int s = 0; s < all.length; s++) {
                    Bin[] bins = all[s];
                    for (int c = 0; bins != null && c < bins.length; c++) {
                        long stamp = bins[c].oldestStamp();
                        if (stamp < oldest) { // empty bins say Long.MAX_VALUE and are never picked
                            oldest = stamp;
                            site = s;
                            sizeClass = c;
                        }
                    }
                }
                if (site < 0) {
                    return false;
                }
                address = all[site][sizeClass].evictOldest();
            } while (address == 0); // emptied by a take since the scan: look again
            evictions++;
        }
        long capacity = classes.capacity(sizeClass);
        BYTES.getAndAdd(this, -capacity);
        EvictionEvent.emit(site, capacity, reason);
        downstream.release(site, address, capacity);
        return true;
    }

    private Bin[] bins(int site) {
        Bin[][] all = sites;
        if (site < all.length) {
            Bin[] bins = all[site];
            if (bins != null) {
                return bins;
            }
        }
        return addSite(site);
    }

    /** The first time a site is seen: a new site table, copied (sites are few and appear once). */
    private synchronized Bin[] addSite(int site) {
        Bin[][] all = sites;
        if (site < all.length && all[site] != null) {
            return all[site];
        }
        Bin[][] grown = site < all.length ? all.clone() : Arrays.copyOf(all, Math.max(site + 1, all.length * 2));
        Bin[] bins = new Bin[classes.count()];
        for (int c = 0; c < bins.length; c++) {
            bins[c] = new Bin();
        }
        grown[site] = bins;
        sites = grown;
        return bins;
    }

    /** Evicts the least recently freed blocks downstream until at most {@code keepBytes} are cached. */
    @Override
    public void trim(long keepBytes) {
        while ((long) BYTES.getVolatile(this) > keepBytes && evictOldest("trim")) {
            // one block at a time, each handed downstream outside every lock
        }
    }

    /**
     * Everything goes downstream, which releases it (the batch's close, or munmap). A release that fails does not
     * keep the rest: each eviction takes its block out first, so the loop goes on; the first failure is rethrown.
     */
    @Override
    public void close() {
        closed = true;
        RuntimeException failed = null;
        while (true) {
            try {
                trim(0);
                break;
            } catch (RuntimeException e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    @Override
    public void report(CounterSink sink) {
        long[] totals = new long[4];
        for (Bin[] bins : sites) {
            for (int c = 0; bins != null && c < bins.length; c++) {
                bins[c].addCounters(totals);
            }
        }
        long evicted;
        synchronized (evictor) {
            evicted = evictions;
        }
        sink.counter("bigcache.hits", totals[0]);
        sink.counter("bigcache.misses", totals[1]);
        sink.counter("bigcache.inserts", totals[2]);
        sink.counter("bigcache.blocks", totals[3]);
        sink.counter("bigcache.evictions", evicted);
        sink.counter("bigcache.refused", refused.sum());
        sink.counter("bigcache.bytes", (long) BYTES.getVolatile(this));
    }
}
