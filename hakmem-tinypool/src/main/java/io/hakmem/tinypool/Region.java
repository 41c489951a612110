package io.hakmem.tinypool;

import io.hakmem.spi.Advice;
import io.hakmem.spi.OsMemory;

/**
 * The address space TinyPool serves from: one reservation, carved into 64 KiB slabs from the bottom and
 * committed 2 MiB at a time as the frontier rises. One range means "is this block ours?" is one compare,
 * and a slab is found from an address with one shift (the original's super-slab mask).
 *
 * <p>Every system call on the range runs under one lock and checks {@link #closed}, so none can reach the
 * range after close has unmapped it (when something else may live there).
 */
final class Region {
    static final int COMMIT_SHIFT = 21;
    static final long COMMIT_BYTES = 1L << COMMIT_SHIFT;

    final long base;
    final long bytes;
    /** The slab at each index, null until carved; written by the carving thread, read by frees. */
    final Slab[] slabs;
    private final OsMemory os;
    private final Object lock = new Object();
    private int frontier;
    private long committedBytes;
    private boolean closed;

    private Region(OsMemory os, long base, long bytes) {
        this.os = os;
        this.base = base;
        this.bytes = bytes;
        this.slabs = new Slab[(int) (bytes >>> Slab.SHIFT)];
    }

    /** Reserves {@code bytes} (a multiple of 2 MiB) of address space. */
    static Region reserve(OsMemory os, long bytes) {
        return new Region(os, os.reserve(bytes, COMMIT_BYTES), bytes);
    }

    /** The index of the next fresh slab, committing its 2 MiB when needed; -1 when the region is used up. */
    int carve() {
        synchronized (lock) {
            if (closed || frontier == slabs.length) {
                return -1;
            }
            long end = (long) (frontier + 1) << Slab.SHIFT;
            if (end > committedBytes) {
                try {
                    os.commit(base + committedBytes, COMMIT_BYTES);
                } catch (OutOfMemoryError exhausted) {
                    return -1; // the caller falls back to malloc, which reports exhaustion if it fails too
                }
                committedBytes += COMMIT_BYTES;
            }
            return frontier++;
        }
    }

    long slabBase(int index) {
        return base + ((long) index << Slab.SHIFT);
    }

    /** How many slabs were carved so far. */
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
                os.unmap(base, bytes);
            }
        }
    }
}
