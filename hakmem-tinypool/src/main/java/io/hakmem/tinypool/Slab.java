package io.hakmem.tinypool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A 64 KiB slab of blocks of one size class, with its metadata kept off the blocks: TinyPool never reads or
 * writes a block, so a use after free cannot corrupt the pool, and nothing the pool does can fault.
 *
 * <pre>
 *  allocated[w]  bit i: block 64w+i is handed out. Written only by the owner, read by anyone (opaque).
 *  remote[w]     bit i: block 64w+i was freed by another thread and not yet collected. Set atomically by
 *                the freeing thread, taken (getAndSet 0) by the owner, who then clears it in allocated.
 *
 *  requested[b] the size asked for block b while it is handed out, so that free can refuse a slice.
 *
 *  invariants:   remote ⊆ allocated;  0 <= used <= capacity;
 *                used == popcount(allocated) unless the slab is CURRENT (allocation and free on the current
 *                slab skip the count; it is set again when the slab stops being current)
 * </pre>
 *
 * The owner is a {@link Heap}: a platform thread's private heap, whose thread alone writes {@code allocated},
 * {@code used}, {@code cursor} and {@code state}; or a shard of the shared level, whose lock holder does.
 * Ownership moves only under a shard's lock, or from a thread that has died.
 */
final class Slab {
    static final int SHIFT = 16;
    static final long BYTES = 1L << SHIFT;

    /** Where the slab is; written by whoever owns it. */
    static final int CURRENT = 0;   // the owner allocates from it
    static final int PARTIAL = 1;   // on the owner's partial stack: has free blocks
    static final int FULL = 2;      // owned, no free block known
    static final int EMPTY = 3;     // in a shard's empty stack, pages resident
    static final int RELEASING = 4; // its pages are being given back; untouchable
    static final int RELEASED = 5;  // in a shard's released stack, pages given back

    private static final VarHandle WORD = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle REMOTE_PENDING;

    static {
        try {
            REMOTE_PENDING = MethodHandles.lookup().findVarHandle(Slab.class, "remotePending", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Never has a free block: the current slab of a class a heap has not used yet, so the fast path needs no null check. */
    static final Slab EXHAUSTED = new Slab(0, -1, -1, 0);

    final long base;
    final int index;
    final int sizeClass;
    final int blockShift;
    final int capacity;
    final long[] allocated;
    final long[] remote;
    final short[] requested;
    /**
     * A full slab is offered for allocation again once this few blocks are in use: an eighth of it free, so a
     * refill yields a run of blocks rather than one (larson otherwise refills on almost every allocation).
     */
    final int reusableAt;

    volatile Heap owner;
    int used;
    int cursor;
    int state;
    /** 1 while the slab is on its owner's remote stack (or on its way to it). */
    @SuppressWarnings("unused") // through REMOTE_PENDING
    private volatile int remotePending;
    /** Link of the owner's remote stack. */
    Slab nextRemote;

    private Slab(long base, int index, int sizeClass, int words) {
        this.base = base;
        this.index = index;
        this.sizeClass = sizeClass;
        this.blockShift = sizeClass < 0 ? 0 : SizeClasses.blockShift(sizeClass);
        this.capacity = words * Long.SIZE;
        this.allocated = sizeClass < 0 ? new long[] {-1L} : new long[words];
        this.remote = new long[Math.max(words, 1)];
        this.requested = new short[capacity];
        this.reusableAt = capacity - Math.max(1, capacity / 8);
        this.used = 0;
    }

    /** A fresh slab of {@code sizeClass} at {@code base}; every block free. */
    static Slab of(long base, int index, int sizeClass) {
        int blocks = (int) (BYTES >>> SizeClasses.blockShift(sizeClass));
        return new Slab(base, index, sizeClass, blocks / Long.SIZE);
    }

    boolean isExhausted() {
        return sizeClass < 0;
    }

    int words() {
        return allocated.length;
    }

    /** The start of block {@code block}. */
    long blockAddress(int block) {
        return base + ((long) block << blockShift);
    }

    /**
     * Takes a free block of the word at {@code word}, which has one, for a request of {@code bytes}; owner
     * only, on the current slab (so {@link #used} is not kept).
     */
    long takeFrom(int word, long bytes) {
        long bits = allocated[word];
        int bit = Long.numberOfTrailingZeros(~bits);
        allocated[word] = bits | (1L << bit);
        int block = word * Long.SIZE + bit;
        requested[block] = (short) bytes;
        return blockAddress(block);
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

    /** Counts the blocks in use again, for a slab that stops being current. Owner only. */
    void recount() {
        int count = 0;
        for (long bits : allocated) {
            count += Long.bitCount(bits);
        }
        used = count;
    }

    /** How many blocks are handed out and not freed, as another thread sees them now. */
    long liveBlocks() {
        long count = 0;
        for (int w = 0; w < allocated.length; w++) {
            count += Long.bitCount((long) WORD.getOpaque(allocated, w) & ~(long) WORD.getOpaque(remote, w));
        }
        return count;
    }

    /** Requested bytes of the blocks handed out and not freed, as another thread sees them now. */
    long liveBytes() {
        long total = 0;
        for (int w = 0; w < allocated.length; w++) {
            long live = (long) WORD.getOpaque(allocated, w) & ~(long) WORD.getOpaque(remote, w);
            for (; live != 0; live &= live - 1) {
                total += requested[w * Long.SIZE + Long.numberOfTrailingZeros(live)];
            }
        }
        return total;
    }

    /** Whether block bit {@code bit} of word {@code word} is handed out, as another thread sees it. */
    boolean isAllocated(int word, long bit) {
        return ((long) WORD.getOpaque(allocated, word) & bit) != 0;
    }

    /**
     * Whether another thread freed this block and the owner has not collected it yet. A remote free sets the
     * block's bit before it marks the slab pending, and the owner clears pending before it takes the bits, so
     * a slab with no pending mark has no remote bit: the common local free reads one field, not the bitmap. A
     * plain read: a free that happened before the caller's is seen, which is all a double-free check can promise.
     */
    boolean isRemotelyFreed(int word, long bit) {
        return (int) REMOTE_PENDING.get(this) != 0 && ((long) WORD.getOpaque(remote, word) & bit) != 0;
    }

    /** Records a free by another thread; false if that block was already freed by one (a double free). */
    boolean markRemotelyFreed(int word, long bit) {
        return ((long) WORD.getAndBitwiseOr(remote, word, bit) & bit) == 0;
    }

    /** Whether this is the first remote free since the owner last looked: then the caller tells the owner. */
    boolean claimRemotePending() {
        return (int) REMOTE_PENDING.getOpaque(this) == 0 && REMOTE_PENDING.compareAndSet(this, 0, 1);
    }

    void clearRemotePending() {
        REMOTE_PENDING.setVolatile(this, 0);
    }

    /**
     * Folds the blocks other threads freed into {@code allocated}; owner only. Call after
     * {@link #clearRemotePending}, so that a free racing with the collection tells the owner again.
     *
     * @return how many blocks were collected
     */
    int collectRemoteFrees() {
        int collected = 0;
        long[] words = remote;
        for (int w = 0; w < allocated.length; w++) {
            if ((long) WORD.getOpaque(words, w) != 0) {
                long freed = (long) WORD.getAndSet(words, w, 0L);
                allocated[w] &= ~freed;
                collected += Long.bitCount(freed);
            }
        }
        used -= collected;
        return collected;
    }

    @Override
    public String toString() {
        return "Slab[" + index + ", " + (sizeClass < 0 ? "exhausted" : SizeClasses.blockBytes(sizeClass) + " B")
                + ", " + used + "/" + capacity + "]";
    }
}
