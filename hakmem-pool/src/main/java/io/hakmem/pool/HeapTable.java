package io.hakmem.pool;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which heap is the current thread's. The fast path reads a direct-mapped table by thread id and checks the
 * heap's thread (no ThreadLocal on the fast path); a miss falls back to a {@link ThreadLocal}, the
 * authority. Every private heap is also listed here until its thread dies and it is reclaimed.
 */
final class HeapTable {
    static final int SLOT_SHIFT = 10;
    /** How many other heaps a thread about to carve looks at for a spare. */
    static final int STEAL_HEAPS = 8;
    /** Fills the slots nobody holds: its thread is null, so it never matches. */
    private static final Heap NOBODY = new Heap(null, null, 0);

    /** Read by the fast path; a slot may hold any thread's heap, so the reader checks the thread. */
    final Heap[] slots = new Heap[1 << SLOT_SHIFT];
    private final ThreadLocal<Heap> mine = new ThreadLocal<>();
    /** The listed heaps: replaced whole under this table's lock, read with none ({@link #stealSpare}). */
    private volatile Heap[] heaps = new Heap[0];
    /** Counters of heaps whose threads died, so totals survive them. */
    private final Heap retired = new Heap(null, null, 0);
    private long reclaimed;

    HeapTable() {
        Arrays.fill(slots, NOBODY);
    }

    static int slot(Thread thread) {
        return (int) thread.threadId() & ((1 << SLOT_SHIFT) - 1);
    }

    /** The current platform thread's heap, or null before its first allocation. */
    Heap existing(Thread thread) {
        Heap heap = mine.get();
        if (heap != null) {
            slots[slot(thread)] = heap;
        }
        return heap;
    }

    /** Makes and lists the current platform thread's heap. */
    Heap register(Thread thread, SharedLevel shared) {
        Heap heap = new Heap(thread, shared.shardOf(thread), shared.classes.count);
        mine.set(heap);
        synchronized (this) {
            Heap[] more = Arrays.copyOf(heaps, heaps.length + 1);
            more[heaps.length] = heap;
            heaps = more;
        }
        slots[slot(thread)] = heap;
        return heap;
    }

    /** Whether some listed heap's thread has died. */
    synchronized boolean anyDead() {
        for (Heap heap : heaps) {
            if (!heap.thread.isAlive()) {
                return true;
            }
        }
        return false;
    }

    /** Unlists the heaps whose threads died, keeps their counters, and returns them. */
    synchronized List<Heap> takeDead() {
        List<Heap> dead = new ArrayList<>();
        List<Heap> living = new ArrayList<>();
        for (Heap heap : heaps) {
            if (heap.thread.isAlive()) {
                living.add(heap);
            } else {
                heap.reclaimed = true;
                dead.add(heap);
            }
        }
        heaps = living.toArray(Heap[]::new);
        for (Heap heap : dead) {
            int slot = slot(heap.thread);
            if (slots[slot] == heap) {
                slots[slot] = NOBODY;
            }
            retired.allocations += heap.allocations;
            retired.remoteFrees += heap.remoteFrees;
            retired.refills += heap.refills;
            retired.remoteNotices += heap.remoteNotices;
            retired.racedFrees += heap.racedFrees;
        }
        reclaimed += dead.size();
        return dead;
    }

    /**
     * An empty spare slab of {@code 1 << spanShift} units from another thread's heap, now {@code thief}'s, or null:
     * tried before a fresh slab is carved, so that one thread's spares do not sit idle while another grows the pool.
     * Looks at {@link #STEAL_HEAPS} heaps at most, from one that depends on the thief, so the cost stays bounded.
     */
    Slab stealSpare(int spanShift, Heap thief) {
        Heap[] all = heaps;
        int n = all.length;
        int start = n == 0 ? 0 : (int) Math.floorMod(thief.thread.threadId(), (long) n);
        for (int i = 0; i < Math.min(n, STEAL_HEAPS); i++) {
            Heap victim = all[(start + i) % n];
            if (victim != thief) {
                Slab slab = victim.takeSpare(spanShift, thief);
                if (slab != null) {
                    return slab;
                }
            }
        }
        return null;
    }

    /** The listed heaps and the retired counters, for totals. */
    synchronized List<Heap> snapshot() {
        List<Heap> all = new ArrayList<>(Arrays.asList(heaps));
        all.add(retired);
        return all;
    }

    synchronized int live() {
        return heaps.length;
    }

    synchronized long reclaimed() {
        return reclaimed;
    }
}
