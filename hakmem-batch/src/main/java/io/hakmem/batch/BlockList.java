package io.hakmem.batch;

import java.util.Arrays;

/**
 * Blocks as rows of primitives, oldest first: the batch's queue and its retained pool. Grows by doubling
 * (rarely: both are bounded by the flush marks and the retention bounds); never allocates otherwise.
 *
 * <pre>
 * row i: [ address | capacity | freed at (ns) | state ]      state: RESIDENT, FREED (MADV_FREE), DONTNEED
 * </pre>
 *
 * Invariant: {@code bytes} is the sum of the rows' capacities.
 */
final class BlockList {
    static final long RESIDENT = 0;
    static final long FREED = 1;
    static final long DONTNEED = 2;
    private static final int ROW = 4;

    private long[] rows = new long[16 * ROW];
    private int size;
    private long bytes;

    int size() {
        return size;
    }

    long bytes() {
        return bytes;
    }

    long address(int i) {
        return rows[i * ROW];
    }

    long capacity(int i) {
        return rows[i * ROW + 1];
    }

    long freedAt(int i) {
        return rows[i * ROW + 2];
    }

    long state(int i) {
        return rows[i * ROW + 3];
    }

    void setState(int i, long state) {
        rows[i * ROW + 3] = state;
    }

    void add(long address, long capacity, long freedAt, long state) {
        if ((size + 1) * ROW > rows.length) {
            rows = Arrays.copyOf(rows, rows.length * 2);
        }
        int at = size++ * ROW;
        rows[at] = address;
        rows[at + 1] = capacity;
        rows[at + 2] = freedAt;
        rows[at + 3] = state;
        bytes += capacity;
    }

    /** Appends row {@code i} of {@code other}. */
    void addFrom(BlockList other, int i) {
        add(other.address(i), other.capacity(i), other.freedAt(i), other.state(i));
    }

    /** The index of the newest block of exactly {@code capacity}, or -1. */
    int newest(long capacity) {
        for (int i = size - 1; i >= 0; i--) {
            if (rows[i * ROW + 1] == capacity) {
                return i;
            }
        }
        return -1;
    }

    /** Removes row {@code i}, keeping the order of the others. */
    void remove(int i) {
        bytes -= capacity(i);
        System.arraycopy(rows, (i + 1) * ROW, rows, i * ROW, (size - i - 1) * ROW);
        size--;
    }

    /** Copies row {@code from} over row {@code to} (to &lt;= from), for compacting in one pass. */
    void move(int from, int to) {
        System.arraycopy(rows, from * ROW, rows, to * ROW, ROW);
    }

    /** Keeps the first {@code n} rows. */
    void truncate(int n) {
        size = n;
        bytes = 0;
        for (int i = 0; i < n; i++) {
            bytes += capacity(i);
        }
    }

    void clear() {
        size = 0;
        bytes = 0;
    }
}
