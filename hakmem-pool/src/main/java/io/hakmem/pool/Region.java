package io.hakmem.pool;

import io.hakmem.spi.Advice;
import io.hakmem.spi.OsMemory;

import java.util.function.IntConsumer;

/**
 * The address space a pool serves from: one reservation, carved into slabs from the bottom (each aligned to its
 * own size) and committed 2 MiB at a time as the frontier rises. One range means "is this block ours?" is one
 * compare, and the slab of an address is {@code units[(address - base) >>> 16]}: a slab of several units is
 * entered at each of them.
 *
 * <p>Every system call on the range runs under one lock and checks {@link #closed}, so none can reach the
 * range after close has unmapped it (when something else may live there).
 */
final class Region {
    final long base;
    final long bytes;
    /** The slab covering each unit, null until carved; written by the carving thread, read by frees. */
    final Slab[] units;
    private final OsMemory os;
    private final Object lock = new Object();
    /** The first unit not carved yet. */
    private int frontier;
    private long committedBytes;
    private boolean closed;

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
     * The first unit of a fresh run of {@code 1 << spanShift} units aligned to its size, committing what it needs;
     * -1 when the region is used up. The units skipped to align it go to {@code skipped}, one by one, never
     * touched (they are whole slabs of one unit for whoever can use them).
     */
    int carve(int spanShift, IntConsumer skipped) {
        int span = 1 << spanShift;
        int first;
        int padding;
        synchronized (lock) {
            first = (frontier + span - 1) & -span;
            if (closed || first + span > units.length) {
                return -1;
            }
            long end = (long) (first + span) << Units.UNIT_SHIFT;
            if (end > committedBytes) {
                long more = ((end - committedBytes + Units.COMMIT_BYTES - 1) >>> Units.COMMIT_SHIFT) << Units.COMMIT_SHIFT;
                try {
                    os.commit(base + committedBytes, more);
                } catch (OutOfMemoryError exhausted) {
                    return -1; // the caller falls back to malloc, which reports exhaustion if it fails too
                }
                committedBytes += more;
            }
            padding = first - frontier;
            frontier = first + span;
        }
        for (int unit = first - padding; unit < first; unit++) {
            skipped.accept(unit);
        }
        return first;
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
        synchronized (lock) {
            return frontier;
        }
    }

    long committedBytes() {
        synchronized (lock) {
            return committedBytes;
        }
    }

    /** Gives the pages of an unused range back now (MADV_DONTNEED); false once closed. */
    boolean release(long address, long length) {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            if (!os.advise(address, length, Advice.DONTNEED)) {
                throw new IllegalStateException("madvise(MADV_DONTNEED) refused on 0x" + Long.toHexString(address));
            }
            return true;
        }
    }

    boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
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
