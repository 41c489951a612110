package io.hakmem.batch;

/**
 * When each capacity was last asked for ({@code reuse}), for the adaptive policy's HOT class. An
 * open-addressing table of primitives that grows instead of colliding; entries older than the hot window
 * are dropped whenever it fills, so it holds the capacities of the last window only. Guarded by the batch's
 * lock.
 *
 * <pre> slot i: keys[i] = capacity (0 = empty), times[i] = last asked for at (nanoseconds) </pre>
 */
final class CapacityDemand {
    private final long window;
    private long[] keys = new long[16];
    private long[] times = new long[16];
    private int used;

    CapacityDemand(long window) {
        this.window = window;
    }

    void asked(long capacity, long now) {
        int mask = keys.length - 1;
        for (int i = hash(capacity) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == capacity) {
                times[i] = now;
                return;
            }
            if (keys[i] == 0) {
                keys[i] = capacity;
                times[i] = now;
                if (++used * 4 > keys.length * 3) {
                    rebuild(now);
                }
                return;
            }
        }
    }

    boolean askedWithin(long capacity, long now) {
        int mask = keys.length - 1;
        for (int i = hash(capacity) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == capacity) {
                return now - times[i] < window;
            }
            if (keys[i] == 0) {
                return false;
            }
        }
    }

    /** Drops the entries outside the window; doubles when the rest still fill half the table. */
    private void rebuild(long now) {
        long[] oldKeys = keys;
        long[] oldTimes = times;
        int live = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0 && now - oldTimes[i] < window) {
                live++;
            }
        }
        int size = live * 2 >= oldKeys.length ? oldKeys.length * 2 : oldKeys.length;
        keys = new long[size];
        times = new long[size];
        used = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0 && now - oldTimes[i] < window) {
                int mask = size - 1;
                int j = hash(oldKeys[i]) & mask;
                while (keys[j] != 0) {
                    j = (j + 1) & mask;
                }
                keys[j] = oldKeys[i];
                times[j] = oldTimes[i];
                used++;
            }
        }
    }

    private static int hash(long capacity) {
        return (int) ((capacity * 0x9E3779B97F4A7C15L) >>> 32);
    }
}
