package io.hakmem.pool;

import io.hakmem.spi.Advice;
import io.hakmem.spi.OsMemory;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The address space a pool serves from: one reservation, carved into slabs from the bottom (each aligned to its
 * own size) and committed 2 MiB at a time, ahead of the frontier. One range means "is this block ours?"
 * is one compare, and the slab of an address is {@code units[(address - base) >>> 16]}: a slab of several units
 * is entered at each of them.
 *
 * <p>Carving is a CAS on the frontier; only committing takes the lock, and since it runs ahead, a carve rarely
 * waits for it. Every system call on the range runs under that lock and checks {@link #closed}, so none
 * can reach the range after close has unmapped it (when something else may live there).
 */
final class Region {
    final long base;
    final long bytes;
    /** The slab covering each unit, null until carved; written by the carving thread, read by frees. */
    final Slab[] units;
    private final OsMemory os;
    private final Object lock = new Object();
    /** The first unit not carved yet. */
    private final AtomicInteger frontier = new AtomicInteger();
    /** Written under the lock. */
    private volatile long committedBytes;
    private volatile boolean closed;

    private Region(OsMemory os, long base, long bytes) {
        this.os = os;
        this.base = base;
        this.bytes = bytes;
        this.units = new Slab[(int) (bytes >>> Units.UNIT_SHIFT)];
    }

    /** Reserves {@code bytes} (a multiple of 2 MiB) of address space, aligned to the largest slab. */
    static Region reserve(OsMemory os, long bytes) {
        return new Region(os, os.reserve(bytes, Units.spanBytes(Units.MAX_SPAN_SHIFT)), bytes);
    }

    /**
     * The first unit of a fresh run of {@code 1 << spanShift} units aligned to its size, committed; -1 when the
     * region is used up or the OS has no memory to commit it (any other failure to commit is thrown, with nothing
     * carved). The units skipped to align it go to {@code skipped}, one
     * by one, never touched (they are whole slabs of one unit for whoever can use them).
     */
    int carve(int spanShift, IntConsumer skipped) {
        int span = 1 << spanShift;
        while (true) {
            int current = frontier.get();
            int first = (current + span - 1) & -span;
            if (closed || first + span > units.length) {
                return -1;
            }
            long end = (long) (first + span) << Units.UNIT_SHIFT;
            if (end + Units.COMMIT_BYTES > committedBytes && !commitThrough(end)) {
                return -1; // the caller falls back to malloc, which reports exhaustion if it fails too
            }
            if (frontier.compareAndSet(current, first + span)) {
                for (int unit = current; unit < first; unit++) {
                    skipped.accept(unit);
                }
                return first;
            }
        }
    }

    /**
     * Commits through {@code end} and beyond it where the region allows (by half of what is committed, at least one
     * 2 MiB step), so that a pool that keeps growing commits ever more rarely, and one at its working size that
     * grows a little (a thread descheduled for a while leaves its blocks' remote frees uncollected) commits nothing.
     * False when {@code end} is not committed. Committed memory that no slab has touched costs address space and
     * commit charge, not resident memory.
     */
    private boolean commitThrough(long end) {
        synchronized (lock) {
            long ahead = Math.max(Units.COMMIT_BYTES, (committedBytes / 2) & -Units.COMMIT_BYTES);
            while (!closed && committedBytes < Math.min(end + ahead, bytes)) {
                try {
                    os.commit(base + committedBytes, Units.COMMIT_BYTES);
                } catch (OutOfMemoryError exhausted) {
                    break;
                }
                committedBytes += Units.COMMIT_BYTES;
            }
            return !closed && committedBytes >= end;
        }
    }

    long unitBase(int unit) {
        return base + ((long) unit << Units.UNIT_SHIFT);
    }

    /** Enters {@code slab} in the unit table at each of its units. */
    void publish(Slab slab) {
        for (int unit = slab.index, end = unit + (1 << slab.spanShift); unit < end; unit++) {
            units[unit] = slab;
        }
    }

    /** How many units were carved so far. */
    int carved() {
        return frontier.get();
    }

    long committedBytes() {
        return committedBytes;
    }

    /**
     * Gives the pages of an unused range back now (MADV_DONTNEED); false when they stay resident (the kernel refused
     * the advice, or the region is closed). A refusal costs memory, never correctness: the range is unused.
     */
    boolean release(long address, long length) {
        synchronized (lock) {
            return !closed && os.advise(address, length, Advice.DONTNEED);
        }
    }

    boolean isClosed() {
        return closed;
    }

    void close() {
        synchronized (lock) {
            if (!closed) {
                closed = true;
                os.unreserve(base, bytes, committedBytes);
            }
        }
    }
}
