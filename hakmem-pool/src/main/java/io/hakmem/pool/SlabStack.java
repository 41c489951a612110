package io.hakmem.pool;

import java.util.Arrays;

/** A growable LIFO of slabs, for one owner; grows on a slow path only. */
final class SlabStack {
    private Slab[] slabs = new Slab[8];
    private int size;

    void push(Slab slab) {
        if (size == slabs.length) {
            slabs = Arrays.copyOf(slabs, size * 2);
        }
        slabs[size++] = slab;
    }

    /** The most recently pushed slab, or null. */
    Slab pop() {
        if (size == 0) {
            return null;
        }
        Slab slab = slabs[--size];
        slabs[size] = null;
        return slab;
    }

    /** Takes out the most recently pushed slab that {@code test} accepts, or null. */
    Slab removeFirst(java.util.function.Predicate<Slab> test) {
        for (int i = size - 1; i >= 0; i--) {
            Slab slab = slabs[i];
            if (test.test(slab)) {
                System.arraycopy(slabs, i + 1, slabs, i, size - i - 1);
                slabs[--size] = null;
                return slab;
            }
        }
        return null;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }
}
