package io.hakmem.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * A slab: a run of {@code 1 << spanShift} units holding blocks of one size class, with its metadata kept off the
 * blocks. A pool never reads or writes a block, so a use after free cannot corrupt it and nothing the pool does
 * can fault.
 *
 * <pre>
 *  allocated[w]  bit i: block 64w+i is handed out. Written only by the owner, read by anyone (opaque). The bits
 *                past the last block of a slab whose capacity is not a multiple of 64 are set for ever.
 *  remote[w]     bit i: block 64w+i was freed by another thread and not yet collected. Set atomically by the
 *                freeing thread, taken (getAndSet 0) by the owner, who then clears it in allocated.
 *  requested     the size asked for each block while it is handed out (TinyPool: shorts; MidPool: ints), so that
 *                free can refuse a slice; a block handed out by address holds {@link #BY_ADDRESS_BASE} less its size. A
 *                freed block holds {@link #FREE}, one never handed out {@link #NEVER}, one freed by another thread
 *                and not yet collected {@link #REMOTE}: no request matches any of them. The owner writes it with
 *                plain stores: the request on allocation, FREE before the block's bit is cleared (a local free, or
 *                the collection of a remote one). Another thread's free takes the block by a CAS from the request
 *                it matched to REMOTE, and only then sets its remote bit: the CAS decides between two remote frees,
 *                and the collection frees a block only if it still holds REMOTE. A local free of a segment racing
 *                with a remote one (a double free in flight on two threads at once) can overwrite the REMOTE with
 *                FREE, since that path has no atomic (the owner's free of a block by address CASes to FREE); the
 *                remote bit is then stale, and the collection drops it (counted as a refused free, unless the slab
 *                emptied first) instead of freeing the block again, which may be handed out anew by then.
 *  lastFreed     the block a current slab's owner freed last, held for its next allocation (-1: none): FREE,
 *                its bit still set. Cleared back into the bitmap before the slab stops being current or is counted.
 *  invariants:   0 <= used <= capacity;  requested[b] is FREE or NEVER iff block b's allocated bit is clear
 *                or b is lastFreed (the owner's view);  requested[b] == REMOTE implies block b's allocated bit is
 *                set and its remote bit set or about to be;  a remote bit with no REMOTE request is stale;
 *                used == live blocks (popcount(allocated) - padding) unless the slab is CURRENT (allocation
 *                and free on the current slab skip the count; it is set again when the slab stops being current)
 * </pre>
 *
 * The owner is a {@link Heap}: a platform thread's private heap, whose thread alone writes {@code allocated},
 * {@code used}, {@code cursor} and {@code state}; or a shard of the shared level, whose lock holder does.
 * Ownership moves under a shard's lock, from a thread that has died, or by {@link #moveOwner} when an empty spare
 * slab is taken from a live thread's heap (a CAS: whoever moves it has it).
 */
final class Slab extends SlabFields.AfterRemoteWritten {
    /** Where the slab is; written by whoever owns it. */
    static final int CURRENT = 0;   // the owner allocates from it
    static final int PARTIAL = 1;   // on the owner's partial stack: has free blocks
    static final int FULL = 2;      // owned, no free block known
    static final int EMPTY = 3;     // in a shard's empty stack, pages resident
    static final int RELEASING = 4; // its pages are being given back; untouchable
    static final int RELEASED = 5;  // in a shard's released stack, pages given back

    /** What {@code requested} holds for a freed block: no request of a size at or above 0 matches it. */
    static final int FREE = -1;
    static final short FREE_SHORT = -1;
    /** What {@code requested} holds for a block never handed out (a free of it names no block). */
    static final int NEVER = -2;
    static final short NEVER_SHORT = -2;
    /** What {@code requested} holds for a block another thread freed, until its owner collects it. */
    static final int REMOTE = -3;

    /**
     * A block handed out by address records {@code BY_ADDRESS_BASE - bytes}, one handed out as a segment
     * {@code bytes}: so a request recorded is matched by one compare of longs and a sign check of the size freed
     * (no size at or above 0 out of range, however truncated, aliases a record; a negative one could alias any).
     */
    static final int BY_ADDRESS_BASE = -4;

    /** Longs of padding either side of the remote bitmap: two cache lines, as in {@link SlabFields}. */
    private static final int REMOTE_PAD = 16;

    private static final VarHandle WORD = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle REMOTE_PENDING;
    private static final VarHandle OWNER;

    static {
        try {
            REMOTE_PENDING = MethodHandles.lookup().findVarHandle(SlabFields.RemoteWritten.class, "remotePending",
                    int.class);
            OWNER = MethodHandles.lookup().findVarHandle(Slab.class, "owner", Heap.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Never has a free block: the current slab of a class a heap has not used yet, so the fast path needs no null check. */
    static final Slab EXHAUSTED = new Slab();

    final long base;
    /** The first unit of the slab in its region. */
    final int index;
    final int spanShift;
    final int sizeClass;
    final long blockBytes;
    /** log2 of the block size for power-of-two classes, else -1 (the block index is then found by reciprocal). */
    final int blockShift;
    final long reciprocal;
    final int capacity;
    final long[] allocated;
    /**
     * Word {@code w} of the remote bitmap is at {@code REMOTE_PAD + w}: the padding keeps the words other threads
     * set off the cache lines of {@code allocated}, which the owner writes on every allocation.
     */
    private final long[] remote;
    /** Bits of the last word of {@code allocated} that are no block, set for ever. */
    final int padding;
    final short[] requestedShort;
    final int[] requestedInt;
    /**
     * A full slab is offered for allocation again once this few blocks are in use: an eighth of it free, so a
     * refill yields a run of blocks rather than one (larson otherwise refills on almost every allocation).
     */
    final int reusableAt;

    volatile Heap owner;

    private Slab() {
        this.base = 0;
        this.index = -1;
        this.spanShift = 0;
        this.sizeClass = -1;
        this.blockBytes = 0;
        this.blockShift = 0;
        this.reciprocal = 0;
        this.capacity = 0;
        this.allocated = new long[] {-1L};
        this.remote = new long[1 + 2 * REMOTE_PAD];
        this.padding = Long.SIZE;
        this.requestedShort = new short[0];
        this.requestedInt = new int[0];
        this.reusableAt = 0;
    }

    private Slab(long base, int index, ClassTable classes, int c) {
        this.base = base;
        this.index = index;
        this.spanShift = classes.spanShift[c];
        this.sizeClass = c;
        this.blockBytes = classes.blockBytes[c];
        this.blockShift = classes.blockShift[c];
        this.reciprocal = classes.reciprocal[c];
        this.capacity = classes.capacity[c];
        int words = (capacity + Long.SIZE - 1) / Long.SIZE;
        // the remote bitmap first: allocated just after this object, its front padding keeps the geometry's line
        // off the allocated bitmap, which the owner writes
        this.remote = new long[words + 2 * REMOTE_PAD];
        this.allocated = new long[words];
        this.padding = words * Long.SIZE - capacity;
        if (padding > 0) {
            allocated[words - 1] = -1L << (Long.SIZE - padding);
        }
        boolean shortSizes = classes.shortRequests;
        this.requestedShort = shortSizes ? new short[capacity] : null;
        this.requestedInt = shortSizes ? null : new int[capacity];
        if (shortSizes) {
            Arrays.fill(requestedShort, NEVER_SHORT);
        } else {
            Arrays.fill(requestedInt, NEVER);
        }
        this.reusableAt = capacity - Math.max(1, capacity / 8);
    }

    /** A fresh slab of class {@code c} at {@code base}; every block free. */
    static Slab of(long base, int index, ClassTable classes, int c) {
        return new Slab(base, index, classes, c);
    }

    /** Whether an owner allocates from it or holds it for its blocks (current, partial or full); owner's view. */
    boolean isInUse() {
        return state <= FULL;
    }

    boolean isExhausted() {
        return sizeClass < 0;
    }

    long bytes() {
        return Units.spanBytes(spanShift);
    }

    /**
     * The block at {@code offset} from the slab's base, or -1 when no block starts there (an interior pointer, or
     * past the last block).
     */
    int blockAt(long offset) {
        int block;
        if (blockShift >= 0) {
            if ((offset & (blockBytes - 1)) != 0) {
                return -1;
            }
            block = (int) (offset >>> blockShift);
        } else {
            block = (int) ((offset * reciprocal) >>> 48);
            if (block * blockBytes != offset) {
                return -1;
            }
        }
        return block < capacity ? block : -1;
    }

    /** What block {@code block} records: its {@link #requestTag}, or {@link #FREE}, {@link #NEVER}, {@link #REMOTE}. */
    int requested(int block) {
        return requestedShort != null ? requestedShort[block] : requestedInt[block];
    }

    /** What {@link #requested} holds for a request of {@code bytes}, by address or not. */
    static long requestTag(long bytes, boolean byAddress) {
        return byAddress ? BY_ADDRESS_BASE - bytes : bytes;
    }

    /** Whether a block recording {@code request} is handed out (neither free nor freed by another thread). */
    static boolean isHandedOut(int request) {
        return request >= 0 || request <= BY_ADDRESS_BASE;
    }

    static boolean isByAddress(int request) {
        return request <= BY_ADDRESS_BASE;
    }

    /** The size asked for by a request recorded as {@code request}, handed out. */
    static long requestedBytes(int request) {
        assert isHandedOut(request) : request;
        return request >= 0 ? request : BY_ADDRESS_BASE - request;
    }

    /** Marks block {@code block} freed in {@code requested}; owner only, before its bit is cleared (collections). */
    void forget(int block) {
        if (requestedShort != null) {
            requestedShort[block] = FREE_SHORT;
        } else {
            requestedInt[block] = FREE;
        }
    }

    /** Moves the cursor to a word with a free block; false when the slab is full. Owner only. */
    boolean seekFreeWord() {
        int words = allocated.length;
        for (int i = 0, w = cursor; i < words; i++, w = w + 1 == words ? 0 : w + 1) {
            if (allocated[w] != -1L) {
                cursor = w;
                return true;
            }
        }
        return false;
    }

    /**
     * Clears the bit of the block held for the next allocation ({@code lastFreed}), if any: before a slab stops
     * being current, or anything counts its bits. Owner only.
     */
    void releaseLastFreed() {
        int block = lastFreed;
        if (block >= 0) {
            assert requested(block) == FREE : "a held block is freed";
            allocated[block >>> 6] &= ~(1L << block);
            lastFreed = -1;
        }
    }

    /** Counts the blocks in use again, for a slab that stops being current. Owner only. */
    void recount() {
        releaseLastFreed();
        int count = -padding;
        for (long bits : allocated) {
            count += Long.bitCount(bits);
        }
        used = count;
        assert used >= 0 && used <= capacity : this;
    }

    /**
     * How many blocks are handed out and not freed, as another thread sees them now: allocated bits, less those of
     * blocks another thread freed (their request is {@link #REMOTE}; a stale remote bit hides no live block).
     */
    long liveBlocks() {
        long count = -padding - (lastFreed >= 0 ? 1 : 0); // a held block's bit is set, but it is free
        for (int w = 0; w < allocated.length; w++) {
            long remotelyFreed = 0;
            for (long marked = remoteWord(w); marked != 0; marked &= marked - 1) {
                if (requested(w * Long.SIZE + Long.numberOfTrailingZeros(marked)) == REMOTE) {
                    remotelyFreed |= marked & -marked;
                }
            }
            count += Long.bitCount((long) WORD.getOpaque(allocated, w) & ~remotelyFreed);
        }
        return count;
    }

    /** Requested bytes of the blocks handed out and not freed, as another thread sees them now. */
    long liveBytes() {
        long total = 0;
        for (int w = 0; w < allocated.length; w++) {
            for (long live = (long) WORD.getOpaque(allocated, w); live != 0; live &= live - 1) {
                int block = w * Long.SIZE + Long.numberOfTrailingZeros(live);
                int request = block < capacity ? requested(block) : FREE; // past the last block: padding
                if (isHandedOut(request)) { // else FREE (the owner is freeing it right now) or REMOTE
                    total += requestedBytes(request);
                }
            }
        }
        return total;
    }

    /**
     * Records a remote free the caller claimed ({@link Pool#claim}) in the remote bitmap; false if the bit
     * was set already, by a stale remote free of an earlier life of the block that this one now stands in for.
     */
    boolean markRemotelyFreed(int word, long bit) {
        return ((long) WORD.getAndBitwiseOr(remote, REMOTE_PAD + word, bit) & bit) == 0;
    }

    private long remoteWord(int word) {
        return (long) WORD.getOpaque(remote, REMOTE_PAD + word);
    }

    /** Whether this is the first remote free since the owner last looked: then the caller tells the owner. */
    boolean claimRemotePending() {
        return (int) REMOTE_PENDING.getOpaque(this) == 0 && REMOTE_PENDING.compareAndSet(this, 0, 1);
    }

    /**
     * Moves the slab from {@code from} to {@code to} unless someone moved it first: where two threads may both
     * hold a dead or idle heap's spare (a thief and the reclaim), the one whose move succeeds has it.
     */
    boolean moveOwner(Heap from, Heap to) {
        return OWNER.compareAndSet(this, from, to);
    }

    /** Whether the slab is on an owner's remote stack, or on its way to one. */
    boolean isRemotePending() {
        return (int) REMOTE_PENDING.getVolatile(this) != 0;
    }

    void clearRemotePending() {
        REMOTE_PENDING.setVolatile(this, 0);
    }

    /**
     * Folds the blocks other threads freed into {@code allocated}; owner only. Call after
     * {@link #clearRemotePending}, so that a free racing with the collection tells the owner again. A remote bit
     * whose block no longer holds {@link #REMOTE} is stale (its free raced with the owner's own free of the
     * block): it is dropped, counted in {@code collector}'s {@code racedFrees}, and the block left as it is.
     *
     * @return how many blocks were collected
     */
    int collectRemoteFrees(Heap collector) {
        int collected = 0;
        for (int w = 0; w < allocated.length; w++) {
            if (remoteWord(w) != 0) {
                long marked = (long) WORD.getAndSet(remote, REMOTE_PAD + w, 0L);
                long freed = 0;
                for (long bits = marked; bits != 0; bits &= bits - 1) {
                    int block = w * Long.SIZE + Long.numberOfTrailingZeros(bits);
                    if (requested(block) == REMOTE) {
                        forget(block);
                        freed |= bits & -bits;
                    } else {
                        collector.racedFrees++;
                    }
                }
                assert (allocated[w] & freed) == freed : "a REMOTE block is allocated";
                allocated[w] &= ~freed;
                collected += Long.bitCount(freed);
            }
        }
        used -= collected;
        return collected;
    }

    @Override
    public String toString() {
        return "Slab[" + index + ", " + (isExhausted() ? "exhausted" : blockBytes + " B") + ", " + used + "/"
                + capacity + "]";
    }
}
