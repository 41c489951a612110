package io.hakmem.modes.trace;

import java.util.Arrays;

/**
 * Dense numbers for a trace's block ids, and whether each was allocated and freed. Ids come in ranges of
 * {@link TraceLayout#BLOCK_RANGE}, one thread's at a time, so a range gets a run of numbers at its first sight and
 * an id's number is its range's first number plus its place in the range. Single-threaded (the reader's).
 */
final class BlockNumbers {
    static final byte ALLOCATED = 1;
    static final byte FREED = 2;

    private static final int RANGE_SHIFT = Integer.numberOfTrailingZeros(TraceLayout.BLOCK_RANGE);
    /** Open addressing: range + 1 (0: empty) and its first number. */
    private long[] ranges = new long[1 << 10];
    private int[] firsts = new int[1 << 10];
    private int rangeCount;
    private int numbers;
    private byte[] state = new byte[1 << 12];

    /** The number of block {@code id} (>= 1), given it one if it has none. */
    int number(long id) {
        long range = (id >>> RANGE_SHIFT) + 1;
        int mask = ranges.length - 1;
        for (int i = (int) ((range * 0x9E3779B97F4A7C15L) >>> 40) & mask; ; i = (i + 1) & mask) {
            if (ranges[i] == range) {
                return firsts[i] + (int) (id & (TraceLayout.BLOCK_RANGE - 1));
            }
            if (ranges[i] == 0) {
                ranges[i] = range;
                firsts[i] = numbers;
                numbers += TraceLayout.BLOCK_RANGE;
                if (numbers > state.length) {
                    state = Arrays.copyOf(state, Math.max(numbers, state.length * 2));
                }
                int first = firsts[i];
                if (++rangeCount * 2 > ranges.length) {
                    rehash();
                }
                return first + (int) (id & (TraceLayout.BLOCK_RANGE - 1));
            }
        }
    }

    /** Numbers given out so far: every number is below it. */
    int count() {
        return numbers;
    }

    boolean is(int number, byte flag) {
        return (state[number] & flag) != 0;
    }

    void set(int number, byte flag) {
        state[number] |= flag;
    }

    private void rehash() {
        long[] oldRanges = ranges;
        int[] oldFirsts = firsts;
        ranges = new long[oldRanges.length * 2];
        firsts = new int[ranges.length];
        int mask = ranges.length - 1;
        for (int j = 0; j < oldRanges.length; j++) {
            if (oldRanges[j] != 0) {
                int i = (int) ((oldRanges[j] * 0x9E3779B97F4A7C15L) >>> 40) & mask;
                while (ranges[i] != 0) {
                    i = (i + 1) & mask;
                }
                ranges[i] = oldRanges[j];
                firsts[i] = oldFirsts[j];
            }
        }
    }
}
