package io.hakmem.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * What one owner allocates from: a current slab and a stack of partly free slabs per size class, the
 * owner's counters, and a stack of its slabs that other threads freed blocks into.
 *
 * <p>Two kinds of owner: a platform thread's private heap ({@link #thread} is that thread, which alone touches
 * everything but the remote stack, with no lock), and a shard of the shared level ({@link #thread} is null;
 * touched under the shard's lock). A block is freed locally only by the thread of a private heap; every other
 * free is remote.
 */
final class Heap extends HeapFields.AfterRemoteHead {
    private static final VarHandle REMOTE_HEAD;
    private static final System.Logger LOG = System.getLogger("io.hakmem.pool");

    static {
        try {
            REMOTE_HEAD = MethodHandles.lookup().findVarHandle(HeapFields.RemoteHead.class, "remoteHead", Slab.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The thread of a private heap; null for a shard and for {@link HeapTable}'s empty slots. */
    final Thread thread;
    /** The shard of the shared level this heap draws from first and gives its empty slabs to. */
    final Shard home;
    final Slab[] current;
    final SlabStack[] partial;

    /** Places for spare slabs, and the bytes of spare slabs a private heap keeps at most (the rest go to its shard). */
    static final int SPARES = 16;
    static final long MAX_SPARE_BYTES = 1L << 20;

    /**
     * Empty slabs this private heap keeps for its next refill, so that a slab emptying and a refill (what a
     * workload freeing and allocating at random does all the time) take no shard lock. Owner puts and takes;
     * trim drains them to the shards (one CAS each way: whoever swaps the slab out has it).
     */
    private final AtomicReferenceArray<Slab> spares = new AtomicReferenceArray<>(SPARES);

    /** Set by the reclaimer, under the heap table's lock, once this heap's thread is dead. */
    boolean reclaimed;

    /**
     * Set once this heap's thread has died and its slabs have new owners: from then on nobody collects its
     * remote stack, so whoever pushes onto it forwards what is there.
     */
    private volatile boolean retired;

    Heap(Thread thread, Shard home, int classes) {
        this.thread = thread;
        this.home = home;
        this.current = new Slab[classes];
        this.partial = new SlabStack[classes];
        for (int c = 0; c < classes; c++) {
            current[c] = Slab.EXHAUSTED;
            partial[c] = new SlabStack();
        }
    }

    /** Tells this heap that {@code slab}, which it owns (or owned), has remote frees; any thread. */
    void pushRemote(Slab slab) {
        Slab head;
        do {
            head = (Slab) REMOTE_HEAD.getVolatile(this);
            slab.nextRemote = head;
        } while (!REMOTE_HEAD.compareAndSet(this, head, slab));
        if (retired) {
            forwardRemote(); // a freer that read the old owner just before the slab moved
        }
    }

    /** Marks this dead heap's slabs as moved and forwards its remote stack to their owners now. */
    void retire() {
        retired = true;
        forwardRemote();
    }

    private void forwardRemote() {
        for (Slab slab = takeRemote(); slab != null; ) {
            Slab next = slab.nextRemote;
            if (slab.owner != this) {
                slab.owner.pushRemote(slab);
            }
            // else a slab object the reclaim did not see, since a reshape replaced it in the unit table: a remote
            // free pushed it here while the collection that emptied it ran, and it went on as a spare. It holds
            // no block and serves nobody any more (its owner field names the taker, which leaves it alone), so it
            // is dropped (pushed back here, it looped for ever).
            slab = next;
        }
    }

    /** Takes the whole remote stack, or null; owner only. */
    Slab takeRemote() {
        return (Slab) REMOTE_HEAD.getOpaque(this) == null ? null : (Slab) REMOTE_HEAD.getAndSet(this, (Slab) null);
    }

    /** Whether another thread has told this heap about remote frees since it last collected; a plain read. */
    boolean hasRemote() {
        return REMOTE_HEAD.getOpaque(this) != null;
    }

    /**
     * Collects the remote frees of every slab on the remote stack; owner only. A slab that has changed owner
     * since it was pushed is forwarded to its owner, still marked pending, so no remote free is ever lost.
     *
     * <p>An empty slab is left alone, marked: a remote free that raced with the collection that emptied it pushed
     * it here again, though that collection took the free. It holds no block, and another thread may take it at
     * any moment (a spare can be stolen or drained, the bag is lock-free), so touching its bitmap now could
     * corrupt the taker's; marked, it is remade by whoever takes it ({@link SharedLevel#reshaped}).
     */
    void collectRemote() {
        long raced = racedFrees;
        for (Slab slab = takeRemote(); slab != null; ) {
            Slab next = slab.nextRemote; // read before the slab can be pushed again
            Heap owner = slab.owner;
            if (owner != this) {
                owner.pushRemote(slab);
            } else if (!slab.isInUse()) {
                assert slab.liveBlocks() == 0 : slab;
            } else {
                remoteNotices++;
                slab.clearRemotePending();
                if (slab.collectRemoteFrees(this) > 0) {
                    settle(slab);
                }
            }
            slab = next;
        }
        if (raced == 0 && racedFrees != 0) { // the first only, after the loop: a program doing this does it often
            LOG.log(System.Logger.Level.WARNING, "Double free: {0} block(s) freed by two threads at the same time, "
                    + "both of which returned; the second free of each was ignored. Further ones are counted in "
                    + "refused-frees, not logged.", racedFrees);
        }
    }

    /**
     * After blocks of a slab this heap owns were freed: a full slab with enough room again
     * ({@link Slab#reusableAt}) goes on the partial stack; an empty one, unless it is the current slab, goes
     * to the shared level. Owner only.
     */
    void settle(Slab slab) {
        if (slab.state == Slab.CURRENT) {
            return;
        }
        if (slab.used == 0) {
            if (!keepSpare(slab)) {
                home.acceptEmpty(slab);
            }
        } else if (slab.state == Slab.FULL && slab.used <= slab.reusableAt) {
            slab.state = Slab.PARTIAL;
            partial[slab.sizeClass].push(slab);
        }
    }

    /** Keeps an empty slab of a private heap as a spare, if small enough and a place is free. Owner only. */
    private boolean keepSpare(Slab slab) {
        if (thread == null) {
            return false;
        }
        long bytes = slab.bytes();
        int free = -1;
        for (int i = 0; i < SPARES; i++) {
            Slab spare = spares.get(i);
            if (spare == null) {
                free = free < 0 ? i : free;
            } else {
                bytes += spare.bytes();
            }
        }
        if (free < 0 || bytes > MAX_SPARE_BYTES) {
            return false;
        }
        slab.state = Slab.EMPTY;
        return spares.compareAndSet(free, null, slab); // only trim empties a place behind the owner's back
    }

    /**
     * A spare slab of {@code 1 << spanShift} units, now {@code taker}'s, or null: the owner's own refill, or another
     * heap's thread about to carve a fresh slab. Two CAS decide: the place (against the owner, trim and other takers)
     * and the slab's owner (against the reclaim, which may be adopting this heap's slabs if its thread has died).
     */
    Slab takeSpare(int spanShift, Heap taker) {
        for (int i = 0; i < SPARES; i++) {
            Slab slab = spares.get(i);
            if (slab != null && slab.spanShift == spanShift && spares.compareAndSet(i, slab, null)
                    && slab.moveOwner(this, taker)) {
                return slab;
            }
        }
        return null;
    }

    /** Hands every spare slab to {@code sink}; any thread, racing only with the owner (a CAS decides). */
    void drainSpares(Consumer<Slab> sink) {
        for (int i = 0; i < SPARES; i++) {
            Slab slab = spares.getAndSet(i, null);
            if (slab != null) {
                sink.accept(slab);
            }
        }
    }

    /** The next slab of class {@code c} on the partial stack that still is one, or null. Owner only. */
    Slab popPartial(int c) {
        SlabStack stack = partial[c];
        for (Slab slab = stack.pop(); slab != null; slab = stack.pop()) {
            if (slab.state == Slab.PARTIAL && slab.owner == this && slab.used < slab.capacity) {
                return slab;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return thread != null ? "Heap[" + thread.getName() + "]" : "Heap[" + home + "]";
    }
}
