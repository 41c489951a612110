package io.hakmem.modes.core;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * Two exact counters with no atomic instruction on the path: each platform thread counts in a cell of its own,
 * found by its id in a direct-mapped table, with plain additions. On tiny-hot through a site this cost 1.2 ns
 * where two {@link LongAdder}s cost 2.5 (and 5.5 counted after the allocation).
 *
 * <p>The counts are fields of the cell and the table a field of the counter, so a count is three dependent
 * loads (table, cell, counts). With five (an array of counts, behind a field of the site), json-parse's profile
 * put more samples in the count than in TinyPool's allocation.
 *
 * <p>A thread whose slot a live thread holds, and every virtual thread (they come and go by the thousand and
 * would each take a slot), count in shared adders instead. A dead thread's cell is taken over, counts and all,
 * by the next thread of its slot: whatever a thread did happens before another thread sees it dead.
 */
sealed class ThreadCounts permits SiteCounters {
    private static final int SLOTS = 64;
    /** Fills the slots nobody holds: its thread is null, so it never matches. */
    private static final Cell NOBODY = new Cell(null);

    private final Cell[] cells = new Cell[SLOTS];
    private final LongAdder sharedFirst = new LongAdder();
    private final LongAdder sharedSecond = new LongAdder();

    ThreadCounts() {
        Arrays.fill(cells, NOBODY);
    }

    /** Adds {@code first} to the first counter and {@code second} to the second. */
    final void add(long first, long second) {
        Thread thread = Thread.currentThread();
        Cell cell = cells[slot(thread)];
        if (cell.thread == thread) { // only this thread puts itself in a cell, so a plain read decides
            cell.first += first;
            cell.second += second;
        } else {
            addSlow(thread, first, second);
        }
    }

    private void addSlow(Thread thread, long first, long second) {
        Cell cell = thread.isVirtual() || heldByAnother(thread) ? null : claim(thread);
        assert cell != NOBODY : "nothing counts in the cell of the empty slots";
        if (cell != null) {
            cell.first += first;
            cell.second += second;
        } else {
            sharedFirst.add(first);
            sharedSecond.add(second);
        }
    }

    /**
     * Whether a live thread holds this thread's slot, read without the lock: a thread that shares its slot with a
     * live one then counts in the adders on every call without taking the monitor (a pool of more than 64
     * threads would otherwise queue on it). A stale read only sends the thread to {@link #claim}, which decides.
     */
    private boolean heldByAnother(Thread thread) {
        Thread holder = cells[slot(thread)].thread;
        return holder != null && holder != thread && holder.isAlive();
    }

    /** This thread's cell: its slot's, if empty or held by a dead thread; null if a live thread holds it. */
    private synchronized Cell claim(Thread thread) {
        int slot = slot(thread);
        Cell cell = cells[slot];
        if (cell == NOBODY) {
            cell = new Cell(thread);
            cells[slot] = cell;
            return cell;
        }
        if (!cell.thread.isAlive()) {
            cell.thread = thread;
            return cell;
        }
        return null;
    }

    private static int slot(Thread thread) {
        return (int) thread.threadId() & (SLOTS - 1);
    }

    /** Exact once the counting threads are quiet; a racy sum while they run, like every counter of the path. */
    final long first() {
        long total = sharedFirst.sum();
        for (Cell cell : cells) {
            total += cell.first;
        }
        return total;
    }

    /** As {@link #first()}, for the second counter. */
    final long second() {
        long total = sharedSecond.sum();
        for (Cell cell : cells) {
            total += cell.second;
        }
        return total;
    }

    /** One thread's counts, written by that thread only. */
    private static final class Cell {
        Thread thread;
        long first;
        long second;

        Cell(Thread thread) {
            this.thread = thread;
        }
    }
}
