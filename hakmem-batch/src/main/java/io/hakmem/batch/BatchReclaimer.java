package io.hakmem.batch;

import io.hakmem.spi.Advice;
import io.hakmem.spi.CounterSink;
import io.hakmem.spi.OsException;
import io.hakmem.spi.OsMemory;
import io.hakmem.spi.Reclaimer;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The batch: a queue of freed blocks and discarded ranges, released together per the free policy into a
 * pool of retained blocks that stay mapped for reuse. The rules are in the package documentation.
 *
 * <p>Two locks, always taken in this order: {@link #flusher}, held by whoever flushes, trims or closes
 * (it owns the scratch lists and the flush counters, and makes the system calls outside the other lock),
 * then the monitor of {@code this}, held briefly by every operation (the queue, the pool, the other
 * counters). A block being advised or unmapped is in no list, so no other thread can be handed it.
 */
final class BatchReclaimer implements Reclaimer {
    private final OsMemory os;
    private final FreePolicy policy;
    private final long flushBytes;
    private final int flushBlocks;
    private final long maxRetainedBytes;
    private final int maxRetainedBlocks;
    private final LongSupplier clock;

    private final ReentrantLock flusher = new ReentrantLock();
    // Guarded by flusher.
    private BlockList drained = new BlockList();
    private Discards drainedRanges = new Discards();
    private final BlockList victims = new BlockList();
    private RuntimeException failure;
    private long flushes;
    private long madvise;
    private long madviseRefused;
    private long munmaps;
    private long bytesReleased;
    // Guarded by this.
    private BlockList queue = new BlockList();
    private Discards ranges = new Discards();
    private final BlockList retained = new BlockList();
    private boolean closed;
    private long blocksAdded;
    private long discards;
    private long kept;
    private long reused;
    private long munmapsRefused;

    /** @param clock nanoseconds, for the policy's hot and cold windows */
    BatchReclaimer(OsMemory os, BatchSettings settings, LongSupplier clock) {
        this.os = os;
        this.policy = FreePolicy.of(settings);
        this.flushBytes = settings.flushBytes();
        this.flushBlocks = settings.flushBlocks();
        this.maxRetainedBytes = settings.maxRetainedBytes();
        this.maxRetainedBlocks = settings.maxRetainedBlocks();
        this.clock = clock;
    }

    @Override
    public long reuse(long capacity) {
        long now = clock.getAsLong();
        synchronized (this) {
            policy.demanded(capacity, now);
            int i = queue.newest(capacity);
            if (i >= 0) { // not advised yet: taking it cancels its advice
                long address = queue.address(i);
                queue.remove(i);
                reused++;
                return address;
            }
            i = retained.newest(capacity);
            if (i >= 0) {
                long address = retained.address(i);
                retained.remove(i);
                reused++;
                return address;
            }
            return 0;
        }
    }

    @Override
    public void offer(long address, long capacity) {
        long now = clock.getAsLong();
        boolean open;
        boolean due = false;
        synchronized (this) {
            open = !closed;
            if (open) {
                queue.add(address, capacity, now, BlockList.RESIDENT);
                blocksAdded++;
                due = due();
            }
        }
        if (!open) {
            unmapAfterClose(address, capacity);
        } else if (due) {
            flushUnlessFlushing();
        }
    }

    @Override
    public void discard(long address, long bytes, Released done) {
        boolean open;
        boolean due = false;
        synchronized (this) {
            open = !closed;
            if (open) {
                ranges.add(address, bytes, done);
                discards++;
                due = due();
            }
        }
        if (!open) {
            done.released(address, bytes);
        } else if (due) {
            flushUnlessFlushing();
        }
    }

    /** Held: this. */
    private boolean due() {
        return queue.bytes() + ranges.bytes() >= flushBytes || queue.size() + ranges.size() >= flushBlocks;
    }

    /**
     * Run by the freeing thread that crossed a flush mark. If another thread is flushing (or this one is, and
     * a discard callback brought it back here), that flush looks at the marks again when it is done.
     */
    private void flushUnlessFlushing() {
        if (flusher.isHeldByCurrentThread() || !flusher.tryLock()) {
            return;
        }
        try {
            boolean again;
            do {
                flush(false);
                synchronized (this) {
                    again = due();
                }
            } while (again);
        } finally {
            unlockAndRethrow();
        }
    }

    /**
     * Held: flusher. Takes the queue out, advises it per the policy (not when trimming: trim decides to keep
     * or unmap right after), retains it, unmaps cold and over-bound blocks, and releases the discarded ranges
     * (MADV_DONTNEED when trimming, so the resident set really drops).
     */
    private void flush(boolean trimming) {
        FlushEvent event = new FlushEvent();
        event.begin();
        long now = clock.getAsLong();
        synchronized (this) {
            BlockList full = queue;
            queue = drained;
            drained = full;
            Discards fullRanges = ranges;
            ranges = drainedRanges;
            drainedRanges = fullRanges;
            event.blocks = drained.size();
            event.bytes = drained.bytes();
            event.ranges = drainedRanges.size();
            event.trim = trimming;
            for (int i = 0; i < drained.size(); i++) {
                Advice advice = trimming ? null : policy.atFlush(drained.capacity(i), now);
                drained.setState(i, advice == null ? BlockList.RESIDENT : BlockList.FREED);
                if (advice == null && !trimming) {
                    kept++;
                }
            }
        }
        flushes++;
        for (int i = 0; i < drained.size(); i++) {
            if (drained.state(i) == BlockList.FREED) {
                drained.setState(i, advise(drained.address(i), drained.capacity(i), Advice.FREE));
            }
        }
        Advice rangeAdvice = trimming ? Advice.DONTNEED : policy.forDiscard();
        for (int i = 0; rangeAdvice != null && i < drainedRanges.size(); i++) {
            advise(drainedRanges.address(i), drainedRanges.length(i), rangeAdvice);
        }
        synchronized (this) {
            for (int i = 0; i < drained.size(); i++) {
                retained.addFrom(drained, i);
            }
            selectVictims(now, -1);
        }
        drained.clear();
        unmapVictimsAndCallBack();
        event.commit();
    }

    /** Unmaps the cold victims, then tells each discarded range's owner that its pages are gone. */
    private void unmapVictimsAndCallBack() {
        unmapVictims();
        for (int i = 0; i < drainedRanges.size(); i++) {
            try {
                drainedRanges.callback(i).released(drainedRanges.address(i), drainedRanges.length(i));
            } catch (RuntimeException e) {
                fail(e);
            }
        }
        drainedRanges.clear();
    }

    /**
     * Held: flusher and this. Moves to {@link #victims} the retained blocks that are cold or over the bounds
     * (the oldest first) and, when {@code keepBytes} >= 0, all but the newest {@code keepBytes}.
     */
    private void selectVictims(long now, long keepBytes) {
        int overBlocks = retained.size() - maxRetainedBlocks;
        long overBytes = retained.bytes() - maxRetainedBytes;
        if (keepBytes >= 0) {
            overBytes = Math.max(overBytes, retained.bytes() - keepBytes);
        }
        int write = 0;
        for (int i = 0; i < retained.size(); i++) {
            long capacity = retained.capacity(i);
            if (overBlocks > 0 || overBytes > 0 || policy.isCold(retained.freedAt(i), now)) {
                victims.addFrom(retained, i);
                overBlocks--;
                overBytes -= capacity;
            } else {
                retained.move(i, write++);
            }
        }
        retained.truncate(write);
    }

    /** Held: flusher. The last resort of the free path: munmap, for cold and over-bound blocks only. */
    private void unmapVictims() {
        for (int i = 0; i < victims.size(); i++) {
            long address = victims.address(i);
            long capacity = victims.capacity(i);
            if (!unmap(address, capacity)) {
                keepMapped(address, capacity);
            }
        }
        victims.clear();
    }

    /** Held: flusher. Returns the state the range is left in; MADV_FREE refused falls back to DONTNEED. */
    private long advise(long address, long bytes, Advice advice) {
        try {
            madvise++;
            if (os.advise(address, bytes, advice)) {
                bytesReleased += bytes;
                return advice == Advice.FREE ? BlockList.FREED : BlockList.DONTNEED;
            }
            if (advice == Advice.FREE) {
                madviseRefused++;
                madvise++;
                if (os.advise(address, bytes, Advice.DONTNEED)) {
                    bytesReleased += bytes;
                    return BlockList.DONTNEED;
                }
            }
        } catch (RuntimeException e) {
            fail(e);
        }
        return BlockList.RESIDENT;
    }

    /**
     * Held: flusher. False when munmap left the range mapped and whole (ENOMEM: the kernel's map count), so
     * that the caller can keep it; any other failure is reported and the range forgotten, as it may not be ours.
     */
    private boolean unmap(long address, long bytes) {
        try {
            os.unmap(address, bytes);
            munmaps++;
            bytesReleased += bytes;
        } catch (OsException e) {
            fail(e);
            return e.errno() != OsException.ENOMEM;
        } catch (RuntimeException e) {
            fail(e);
        }
        return true;
    }

    /**
     * Held: flusher. A block munmap refused is still mapped: it goes back to the pool as the newest block, to
     * be reused or unmapped again when it is next cold, over the bounds or trimmed, instead of leaking its
     * range. Once closed, nothing would try again: it stays mapped, and the failure is reported.
     */
    private void keepMapped(long address, long capacity) {
        long now = clock.getAsLong();
        synchronized (this) {
            if (!closed) {
                retained.add(address, capacity, now, BlockList.RESIDENT);
                munmapsRefused++;
            }
        }
    }

    /** Held: flusher. A failing system call does not stop the others; the first failure is thrown at the end. */
    private void fail(RuntimeException e) {
        if (failure == null) {
            failure = e;
        } else if (failure != e) {
            failure.addSuppressed(e);
        }
    }

    /** The flush lock is reentrant, and its scratch lists are in use while a discard callback runs. */
    private void refuseFromCallback(String operation) {
        if (flusher.isHeldByCurrentThread()) {
            throw new IllegalStateException("The batch's " + operation + " was called from a discard callback");
        }
    }

    /** Held: flusher, which it releases; then throws the first failure of the system calls made under it. */
    private void unlockAndRethrow() {
        RuntimeException thrown = failure;
        failure = null;
        flusher.unlock();
        if (thrown != null) {
            throw thrown;
        }
    }

    private void unmapAfterClose(long address, long capacity) {
        flusher.lock();
        try {
            unmap(address, capacity);
        } finally {
            unlockAndRethrow();
        }
    }

    /** Flushes, then keeps the most recently freed {@code keepBytes} mapped and unmaps the rest. */
    @Override
    public void trim(long keepBytes) {
        refuseFromCallback("trim");
        flusher.lock();
        try {
            flush(true);
            synchronized (this) {
                selectVictims(clock.getAsLong(), keepBytes);
            }
            unmapVictims();
        } finally {
            unlockAndRethrow();
        }
    }

    /** Unmaps every block it holds; pending ranges are handed back without advice (their owner unmaps them). */
    @Override
    public void close() {
        refuseFromCallback("close");
        flusher.lock();
        try {
            synchronized (this) {
                closed = true;
                for (int i = 0; i < queue.size(); i++) {
                    victims.addFrom(queue, i);
                }
                for (int i = 0; i < retained.size(); i++) {
                    victims.addFrom(retained, i);
                }
                queue.clear();
                retained.clear();
                Discards fullRanges = ranges;
                ranges = drainedRanges;
                drainedRanges = fullRanges;
            }
            unmapVictimsAndCallBack();
        } finally {
            unlockAndRethrow();
        }
    }

    @Override
    public void report(CounterSink sink) {
        flusher.lock();
        try {
            synchronized (this) {
                sink.counter("batch.blocks-added", blocksAdded);
                sink.counter("batch.discards", discards);
                sink.counter("batch.flushes", flushes);
                sink.counter("batch.madvise", madvise);
                sink.counter("batch.madvise-refused", madviseRefused);
                sink.counter("batch.munmaps", munmaps);
                sink.counter("batch.munmaps-refused", munmapsRefused);
                sink.counter("batch.bytes-released", bytesReleased);
                sink.counter("batch.kept", kept);
                sink.counter("batch.reused", reused);
                sink.counter("batch.pending-bytes", queue.bytes() + ranges.bytes());
                sink.counter("batch.retained-bytes", retained.bytes());
                sink.counter("batch.retained-blocks", retained.size());
            }
        } finally {
            flusher.unlock();
        }
    }

    @Override
    public String toString() {
        return "BatchReclaimer[" + policy + "]";
    }
}
