package io.hakmem.modes.core;

import io.hakmem.spi.OsException;
import io.hakmem.spi.OsMemory;

import java.util.Arrays;

/**
 * Ranges whose munmap the kernel refused with ENOMEM (its map count, {@code vm.max_map_count}): still mapped,
 * still ours and in no other list, so they are unmapped again later instead of leaking. Up to {@link #MAX}
 * are kept; past that a range is forgotten (and counted), as every refused range was before.
 */
final class RefusedUnmaps {
    static final int MAX = 64;

    private final long[] addresses = new long[MAX];
    private final long[] lengths = new long[MAX];
    private int size;
    private long refused;
    private long retried;
    private long forgotten;
    /** Whether any range waits: read without the lock, so that the common case costs one load. */
    private volatile boolean waiting;

    /** munmap, remembering the range when the kernel refuses with ENOMEM; the failure is thrown either way. */
    void unmap(OsMemory os, long address, long length) {
        try {
            os.unmap(address, length);
        } catch (OsException e) {
            if (e.errno() == OsException.ENOMEM) {
                remember(address, length);
            }
            throw e;
        }
    }

    /**
     * Tries every waiting range once more; those refused again wait on. A failure here is not the caller's,
     * so it is counted, not thrown.
     */
    void retry(OsMemory os) {
        if (!waiting) {
            return;
        }
        long[] tryAddresses;
        long[] tryLengths;
        int count;
        synchronized (this) {
            tryAddresses = Arrays.copyOf(addresses, size);
            tryLengths = Arrays.copyOf(lengths, size);
            count = size;
            size = 0;
            waiting = false;
        }
        for (int i = 0; i < count; i++) {
            try {
                os.unmap(tryAddresses[i], tryLengths[i]);
                synchronized (this) {
                    retried++;
                }
            } catch (OsException e) {
                if (e.errno() == OsException.ENOMEM) {
                    remember(tryAddresses[i], tryLengths[i]);
                } else {
                    synchronized (this) {
                        forgotten++;
                    }
                }
            }
        }
    }

    private synchronized void remember(long address, long length) {
        refused++;
        if (size == MAX) {
            forgotten++;
            return;
        }
        addresses[size] = address;
        lengths[size] = length;
        size++;
        waiting = true;
    }

    synchronized long refused() {
        return refused;
    }

    synchronized long retried() {
        return retried;
    }

    synchronized long forgotten() {
        return forgotten;
    }

    synchronized int waitingRanges() {
        return size;
    }
}
