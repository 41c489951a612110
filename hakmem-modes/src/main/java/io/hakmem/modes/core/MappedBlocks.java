package io.hakmem.modes.core;

import io.hakmem.spi.AllocatorPart;
import io.hakmem.spi.CounterSink;
import io.hakmem.spi.OsMemory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The end of every large-block chain: mmap on acquire (through the THP policy), munmap on release. When mmap
 * runs out of memory, the parts that hold freed memory (the cache, the batch) give all of it back and the
 * mapping is tried once more before the {@link OutOfMemoryError} reaches the caller.
 */
final class MappedBlocks implements LargeBlocks {
    private final OsMemory os;
    private final long pageSize;
    private final ThpPolicy thp;
    /** What is trimmed to 0 before the retry; empty when nothing holds freed memory (no retry then). */
    private final List<AllocatorPart> holders;
    private final LongAdder retries = new LongAdder();
    private final LongAdder retriesFailed = new LongAdder();
    private final RefusedUnmaps refusedUnmaps = new RefusedUnmaps();

    MappedBlocks(OsMemory os, ThpPolicy thp, List<AllocatorPart> holders) {
        this.os = os;
        this.pageSize = os.pageSize();
        this.thp = thp;
        this.holders = List.copyOf(holders);
    }

    /** The chain's end for {@code parts}: the THP policy of {@code hakmem.thp} on this kernel. */
    static MappedBlocks create(Parts parts) {
        List<AllocatorPart> holders = new ArrayList<>();
        parts.cache().ifPresent(holders::add);
        parts.reclaimer().ifPresent(holders::add); // after the cache, which evicts into it
        return new MappedBlocks(parts.os(), ThpPolicy.of(parts.thp(), SystemThp.read(), parts.os()), holders);
    }

    @Override
    public long capacityFor(long bytes) {
        return (bytes + pageSize - 1) & -pageSize;
    }

    @Override
    public long acquire(int site, long capacity, long alignment) {
        try {
            return thp.map(capacity, alignment);
        } catch (MemoryLimitExceeded limit) {
            throw limit; // the allocator gives memory back for the limit itself, for every path at once
        } catch (OutOfMemoryError e) {
            return acquireAfterRelease(capacity, alignment, e);
        }
    }

    /** mmap said ENOMEM: give back what the cache and the batch hold, and try once more. */
    private long acquireAfterRelease(long capacity, long alignment, OutOfMemoryError first) {
        if (holders.isEmpty()) {
            throw first;
        }
        retries.increment();
        for (AllocatorPart holder : holders) {
            try {
                holder.trim(0);
            } catch (RuntimeException e) {
                first.addSuppressed(e);
            }
        }
        try {
            return thp.map(capacity, alignment);
        } catch (OutOfMemoryError again) {
            retriesFailed.increment();
            OutOfMemoryError error = new OutOfMemoryError("Cannot map " + capacity + " bytes, even after giving "
                    + "the cached and batched memory back to the OS: " + again.getMessage());
            error.addSuppressed(first);
            throw error;
        }
    }

    /** munmap; a range the kernel refused before (ENOMEM) is tried again first, as this is the path's next munmap. */
    @Override
    public void release(int site, long address, long capacity) {
        refusedUnmaps.retry(os);
        refusedUnmaps.unmap(os, address, capacity);
    }

    /** Tries the refused ranges again: on trim and close, for an allocator that frees no more large blocks. */
    void retryRefusedUnmaps() {
        refusedUnmaps.retry(os);
    }

    void report(CounterSink sink) {
        thp.report(sink);
        sink.counter("large.mmap-retries", retries.sum());
        sink.counter("large.mmap-retries-failed", retriesFailed.sum());
        sink.counter("large.munmaps-refused", refusedUnmaps.refused());
        sink.counter("large.munmaps-retried", refusedUnmaps.retried());
        sink.counter("large.munmaps-waiting", refusedUnmaps.waitingRanges());
        sink.counter("large.munmaps-forgotten", refusedUnmaps.forgotten());
    }
}
