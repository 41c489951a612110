package io.hakmem.batch;

import io.hakmem.spi.Reclaimer;

import java.util.Arrays;

/**
 * Ranges other parts handed over with {@link Reclaimer#discard}, waiting for the next flush: (address, bytes)
 * pairs and the callback to run once their pages are gone. TinyPool's slow path; grows by doubling.
 */
final class Discards {
    private long[] ranges = new long[16];
    private Reclaimer.Released[] callbacks = new Reclaimer.Released[8];
    private int size;
    private long bytes;

    int size() {
        return size;
    }

    long bytes() {
        return bytes;
    }

    long address(int i) {
        return ranges[i * 2];
    }

    long length(int i) {
        return ranges[i * 2 + 1];
    }

    Reclaimer.Released callback(int i) {
        return callbacks[i];
    }

    void add(long address, long length, Reclaimer.Released done) {
        if (size == callbacks.length) {
            ranges = Arrays.copyOf(ranges, ranges.length * 2);
            callbacks = Arrays.copyOf(callbacks, callbacks.length * 2);
        }
        ranges[size * 2] = address;
        ranges[size * 2 + 1] = length;
        callbacks[size++] = done;
        bytes += length;
    }

    void clear() {
        Arrays.fill(callbacks, 0, size, null);
        size = 0;
        bytes = 0;
    }
}
