package io.hakmem.pool;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Empty slabs, pages resident, that any heap may take: how slabs pass from a heap that empties them to one that
 * needs them with no lock (a CAS puts a slab in a free place, a CAS takes it out; the place a thread starts from
 * is its id, so two threads rarely meet). Bounded: what does not fit goes to a shard's locked stack.
 *
 * <p>A place may be emptied and refilled with the same slab between a reader's look and its CAS; taking it then
 * is still right, since whatever is in the bag is empty and free to take.
 */
final class EmptyBag {
    static final int PLACES = 256;

    private final AtomicReferenceArray<Slab> places = new AtomicReferenceArray<>(PLACES);

    /** Puts an empty slab in; false when the bag is full. */
    boolean offer(Slab slab) {
        int start = start();
        for (int i = 0; i < PLACES; i++) {
            int place = (start + i) & (PLACES - 1);
            if (places.get(place) == null && places.compareAndSet(place, null, slab)) {
                return true;
            }
        }
        return false;
    }

    /** An empty slab of {@code 1 << spanShift} units, or null. */
    Slab take(int spanShift) {
        int start = start();
        for (int i = 0; i < PLACES; i++) {
            int place = (start + i) & (PLACES - 1);
            Slab slab = places.get(place);
            if (slab != null && slab.spanShift == spanShift && places.compareAndSet(place, slab, null)) {
                return slab;
            }
        }
        return null;
    }

    /** Any empty slab, the largest first (the most memory back per call), or null. */
    Slab takeLargest() {
        for (int span = Units.MAX_SPAN_SHIFT; span >= 0; span--) {
            Slab slab = take(span);
            if (slab != null) {
                return slab;
            }
        }
        return null;
    }

    /** How many slabs are in the bag, as a racy count (stats). */
    int size() {
        int count = 0;
        for (int i = 0; i < PLACES; i++) {
            if (places.get(i) != null) {
                count++;
            }
        }
        return count;
    }

    private static int start() {
        return (int) Thread.currentThread().threadId() * 31 & (PLACES - 1);
    }
}
