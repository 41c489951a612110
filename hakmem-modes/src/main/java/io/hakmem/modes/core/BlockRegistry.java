package io.hakmem.modes.core;

import io.hakmem.HakmemStats;
import io.hakmem.spi.CounterSink;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Address -> metadata for every block of the malloc and mapped paths, so that {@code free} validates a segment
 * against memory the allocator knows. Lock-free: registering a block is one CAS that claims a slot and a release
 * store that publishes it; freeing one is one CAS from live to freed. No lock, no fence beyond those, and no Java
 * allocation on either; allocations are counted per thread ({@link ThreadCounts}), frees derived from the tables.
 * The common case - the address's first slot empty or a tombstone, and the free finding it there - is a few
 * instructions; everything else is in the {@code ...Slow} methods, so the common case inlines into the allocator's
 * path.
 *
 * <p>64 stripes (by the high bits of the address's hash), each an open-addressing table (probed by a step of the
 * address's own) whose slots are three parallel arrays. The key word holds the address and the slot's state in its
 * low four bits, which addresses (16-byte aligned at least) leave free, and in its top 16 bits, above every user-space
 * address, the slot's generation, counted up each time a block takes the slot: so one CAS decides everything about a
 * slot, and a free that read a block's record cannot win the slot once another block of the same address has taken
 * it (a double free racing with the address's reuse would otherwise free the new block by the old one's record, and
 * unmap a mapped block by the old, larger capacity).
 *
 * <pre>
 *  keys[i]       generation | address | state | CLOSED | MOVED     state: LIVE, FREED (a tombstone), BUSY (being written)
 *  requested[i]  bytes asked for     }  written while BUSY, read after seeing LIVE
 *  infos[i]      {@link BlockInfo}         }
 *
 *  invariants:  an address has at most one LIVE slot, and it comes before any FREED slot of the same address in
 *               its probe sequence (a new block takes the first tombstone or empty slot of its sequence, so an
 *               older tombstone of its own can only come after it); slots only go back to empty when a table is
 *               rebuilt.
 * </pre>
 *
 * A freed block keeps its slot as a tombstone, so a second free is told apart from a foreign pointer; tombstones
 * are reused by new blocks and dropped when a stripe is rebuilt, after which a double free reads as a foreign
 * free. Both are refused, neither corrupts anything. A stripe is rebuilt (larger when half its slots are live)
 * when three quarters are used: the rebuilding thread freezes every slot (MOVED) with a CAS, copies the live ones
 * and publishes the new table; an operation that meets a frozen slot waits for it and starts again there.
 *
 * <p>Close, in two duties: (i) it marks every slot CLOSED with a CAS (waiting out those being written), giving
 * back each live block that is not pinned as it goes; (ii) a registration whose claim meets a CLOSED slot is
 * refused. A stripe rebuilt after close marked any of its slots comes out with its empty slots marked too (a
 * registration that claimed its slot just before close may fill the table and rebuild it after close has passed).
 * A registration either claimed its slot before close marked it (close then gives the block back) or is refused
 * (its caller gives the memory back): never both, never neither.
 */
final class BlockRegistry {
    private static final int STRIPE_SHIFT = 6;
    private static final int STRIPES = 1 << STRIPE_SHIFT;
    private static final int INITIAL_SLOTS = 64;

    private static final long LIVE = 1;
    private static final long FREED = 2;
    private static final long BUSY = 3;
    private static final long STATE = 3;
    private static final long CLOSED = 4;
    private static final long MOVED = 8;
    private static final long LOW_BITS = 15;
    private static final int GENERATION_SHIFT = 48;
    private static final long GENERATION = -1L << GENERATION_SHIFT;
    private static final long ADDRESS = ~GENERATION & ~LOW_BITS;
    /** {@link Table#claim} found a slot that was empty (not a tombstone): the table fills up. */
    private static final int FRESH = 1 << 30;
    private static final int FROZEN = -1;
    private static final int FULL = -2;
    private static final int ABSENT = -3;
    private static final int SHUT = -4;

    /** What {@link #register} says happened. */
    static final int REGISTERED = 0;
    /** The allocator closed: the caller gives the memory back itself. */
    static final int REFUSED = 1;

    private static final VarHandle KEYS = MethodHandles.arrayElementVarHandle(long[].class);

    private final Stripe[] stripes = new Stripe[STRIPES];
    /**
     * Per-thread counts of allocations: first the malloc path's, second the mapped path's. Frees are derived
     * (allocations minus live blocks).
     */
    private final ThreadCounts counts = new ThreadCounts();
    private final AtomicInteger rebuilds = new AtomicInteger();
    private volatile boolean closed;

    BlockRegistry() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    /** Called for each live block by {@link #releaseAllButPinned}. */
    interface LiveBlockVisitor {
        void visit(long address, long requested, long info);
    }

    /**
     * The stripe (top bits) and first slot of {@code address}: a hash of its 64 KiB chunk plus its offset in the chunk
     * in 16-byte units, so that blocks malloc hands out one after the other (a parse building a tree) take slots one
     * after the other in one stripe and the table is walked in order, not missed in the cache at every block
     * (a tree of 120,000 blocks: MINIMAL 29-30 -> 18-22 ms, glibc 7-9). Chunks whose runs of slots overlap are kept
     * apart by {@link #step}.
     */
    private static int hash(long address) {
        int chunk = (int) (((address >>> 16) * 0x9E3779B97F4A7C15L) >>> 32);
        return chunk + (int) ((address >>> 4) & 0xFFF);
    }

    /**
     * How far a probe moves after a taken slot: a hash of the whole address, odd so that it visits every slot of a
     * power-of-two table. Moving by one would run into the neighbouring blocks' slots and make long runs.
     */
    private static int step(long address) {
        return (int) ((address * 0x9E3779B97F4A7C15L) >>> 40) | 1;
    }

    private Stripe stripe(int hash) {
        return stripes[hash >>> (32 - STRIPE_SHIFT)];
    }

    /**
     * Records a block just handed out; {@link #REFUSED} once close has begun (the caller gives the memory back).
     * A block registered while close runs may be given back by close: its segment is dead already.
     */
    int register(long address, long requested, long info) {
        if ((address & ~ADDRESS) != 0) {
            throw unrecordable(address);
        }
        int hash = hash(address);
        Table table = stripe(hash).table;
        int slot = hash & table.mask;
        long word = (long) KEYS.getVolatile(table.keys, slot);
        long key = nextGeneration(word) | address;
        if ((word == 0 || (word & LOW_BITS) == FREED) // empty, or any block's tombstone, not closed or frozen
                && KEYS.compareAndSet(table.keys, slot, word, key | BUSY)) {
            publish(table, slot, key, requested, info);
            if (word == 0) {
                filledSlow(table, hash);
            }
            return REGISTERED;
        }
        return registerSlow(address, requested, info, hash);
    }

    /** The generation a block taking a slot whose word is {@code word} (empty or a tombstone) gives it. */
    private static long nextGeneration(long word) {
        return (word & GENERATION) + (1L << GENERATION_SHIFT); // wraps to 0 after 65,535
    }

    /** @param key the slot's generation and the block's address, as claimed */
    private void publish(Table table, int slot, long key, long requested, long info) {
        table.requested[slot] = requested;
        table.infos[slot] = info;
        KEYS.setRelease(table.keys, slot, key | LIVE);
        boolean isMapped = BlockInfo.isMapped(info);
        counts.add(isMapped ? 0 : 1, isMapped ? 1 : 0);
    }

    /** A registration whose first slot was taken, frozen or closed: the whole probe sequence. */
    private int registerSlow(long address, long requested, long info, int hash) {
        Stripe stripe = stripe(hash);
        while (true) {
            Table table = stripe.table;
            int claimed = table.claim(address, hash);
            if (claimed == SHUT) {
                return REFUSED;
            }
            if (claimed >= 0) {
                int slot = claimed & ~FRESH;
                publish(table, slot, (long) KEYS.getVolatile(table.keys, slot) & ~LOW_BITS, requested, info);
                if ((claimed & FRESH) != 0) {
                    filledSlow(table, hash);
                }
                return REGISTERED;
            }
            if (claimed == FULL) {
                stripe.rebuild(table, rebuilds);
            }
            stripe.awaitRebuild(table);
        }
    }

    /** A slot that was empty is used now: rebuild the stripe once three quarters are. */
    private void filledSlow(Table table, int hash) {
        if (table.used.incrementAndGet() > table.limit) {
            stripe(hash).rebuild(table, rebuilds);
        }
    }

    private static IllegalStateException unrecordable(long address) {
        return new IllegalStateException("The OS handed out a block at 0x" + Long.toHexString(address)
                + ", not 16-byte aligned or above 2^48: the registry cannot record it");
    }

    /** What an allocation racing with close gets. */
    static IllegalStateException closed() {
        return new IllegalStateException("This Hakmem is closed");
    }

    /**
     * Marks the block at {@code address} freed and returns its info.
     *
     * @param kind how the caller says the block was handed out ({@link BlockInfo#KIND})
     * @throws IllegalArgumentException if no block starts there, the segment is not the whole block, or the block
     *                                  was handed out another way
     * @throws IllegalStateException    if the block is already freed, or close freed it
     */
    long release(long address, long requested, long kind) {
        int hash = hash(address);
        Table table = stripe(hash).table;
        int slot = hash & table.mask;
        long word = (long) KEYS.getVolatile(table.keys, slot);
        if ((word & ~GENERATION) == (address | LIVE)) {
            long info = table.infos[slot];
            if (BlockInfo.kind(info) == kind && table.requested[slot] == requested
                    && KEYS.compareAndSet(table.keys, slot, word, (word & ~STATE) | FREED)) {
                return info; // the generation unchanged: the record read is this block's
            }
        }
        return releaseSlow(address, requested, kind, hash);
    }

    /** The whole probe sequence, every check, and the message of each refusal. */
    private long releaseSlow(long address, long requested, long kind, int hash) {
        Stripe stripe = stripe(hash);
        while (true) {
            Table table = stripe.table;
            int slot = table.find(address, hash);
            if (slot == FROZEN) {
                stripe.awaitRebuild(table);
                continue;
            }
            if (slot < 0) {
                throw notABlock(address, requested);
            }
            long word = (long) KEYS.getVolatile(table.keys, slot);
            if ((word & MOVED) != 0) {
                stripe.awaitRebuild(table);
                continue;
            }
            long state = word & STATE;
            if (state == FREED) {
                if (closed && !BlockInfo.isPinned(table.infos[slot])) {
                    throw closed(); // close freed it: this free passed the open check before close began
                }
                throw new IllegalStateException("Double free: the block at 0x" + Long.toHexString(address)
                        + " is already freed");
            }
            if (state != LIVE) {
                throw notABlock(address, requested); // BUSY: no free can be of a block still being handed out
            }
            long info = table.infos[slot];
            if (BlockInfo.kind(info) != kind) {
                throw new IllegalArgumentException("The block at 0x" + Long.toHexString(address) + " was handed out "
                        + BlockInfo.describe(BlockInfo.kind(info)));
            }
            long recorded = table.requested[slot];
            if (recorded != requested) {
                throw new IllegalArgumentException("Not a whole block: the segment at 0x"
                        + Long.toHexString(address) + " is " + requested + " bytes long but the block is "
                        + recorded + " bytes (free the segment allocate returned, not a slice)");
            }
            if (KEYS.compareAndSet(table.keys, slot, word, (word & ~STATE) | FREED)) {
                return info;
            }
            // another thread freed it (then this is a double free), froze it, or close marked it: look again
        }
    }

    /** The word of the slot holding {@code address}, live or not, or 0: what a free's CAS expects (for tests). */
    long keyOf(long address) {
        int hash = hash(address);
        Table table = stripe(hash).table;
        int slot = table.find(address, hash);
        return slot < 0 ? 0 : (long) KEYS.getVolatile(table.keys, slot);
    }

    static IllegalArgumentException notABlock(long address, long requested) {
        return new IllegalArgumentException("Not a block of this allocator: 0x" + Long.toHexString(address)
                + " (" + requested + " bytes) is not the start of a block it handed out (an interior slice?)");
    }

    /**
     * Closes the registry to new blocks (duty (i) of close): marks every slot CLOSED, giving back each live block
     * but the pinned ones (arena blocks and blocks handed out by address), which stay live until freed; used
     * once, by close.
     */
    void releaseAllButPinned(LiveBlockVisitor visitor) {
        closed = true;
        for (Stripe stripe : stripes) {
            closeStripe(stripe, visitor);
        }
    }

    private void closeStripe(Stripe stripe, LiveBlockVisitor visitor) {
        scan:
        while (true) {
            Table table = stripe.table;
            for (int slot = 0; slot < table.keys.length; slot++) {
                for (int spins = 0; ; spins++) {
                    long word = (long) KEYS.getVolatile(table.keys, slot);
                    if ((word & MOVED) != 0) {
                        stripe.awaitRebuild(table);
                        continue scan; // what was given back here is FREED, so not given back twice
                    }
                    if ((word & CLOSED) != 0) {
                        break;
                    }
                    if ((word & STATE) == BUSY) {
                        Stripe.backOff(spins); // its registration publishes it in a moment
                        continue;
                    }
                    boolean giveBack = (word & STATE) == LIVE && !BlockInfo.isPinned(table.infos[slot]);
                    long closedWord = giveBack ? (word & ~STATE) | FREED | CLOSED : word | CLOSED;
                    if (KEYS.compareAndSet(table.keys, slot, word, closedWord)) {
                        if (giveBack) {
                            visitor.visit(word & ADDRESS, table.requested[slot], table.infos[slot]);
                        }
                        break;
                    }
                }
            }
            return;
        }
    }

    /**
     * Allocations so far: a number that changes whenever the allocator hands out a block, for the idle release
     * (frees are not counted on the path; a stretch of frees alone may see a trim, which is harmless). A racy sum
     * of per-thread counts, which is all it needs.
     */
    long activity() {
        return counts.first() + counts.second();
    }

    /**
     * The core's counters: blocks of the malloc and mapped paths, the malloc/free calls, and the live bytes (read
     * from the tables: the path keeps no byte count). Exact when no thread allocates or frees.
     */
    void report(CounterSink sink) {
        long mallocs = counts.first();
        long mapped = counts.second();
        long liveBytes = 0;
        long liveMapped = 0;
        long liveBlocks = 0;
        for (Stripe stripe : stripes) {
            Table table = stripe.table;
            for (int slot = 0; slot < table.keys.length; slot++) {
                if (((long) KEYS.getVolatile(table.keys, slot) & STATE) == LIVE) {
                    liveBlocks++;
                    liveBytes += table.requested[slot];
                    liveMapped += BlockInfo.isMapped(table.infos[slot]) ? 1 : 0;
                }
            }
        }
        long frees = mallocs + mapped - liveBlocks;
        sink.counter(HakmemStats.ALLOCATIONS, mallocs + mapped);
        sink.counter(HakmemStats.FREES, frees);
        sink.counter(HakmemStats.LIVE_BYTES, liveBytes);
        sink.counter("path.mapped", mapped);
        sink.counter("path.malloc", mallocs);
        sink.counter(HakmemStats.MALLOC_CALLS, mallocs);
        sink.counter(HakmemStats.FREE_CALLS, frees - (mapped - liveMapped));
        sink.counter("registry.rebuilds", rebuilds.get());
    }

    /** One stripe: its current table, replaced whole when rebuilt (under the stripe's monitor, the only lock here). */
    private static final class Stripe {
        volatile Table table = new Table(INITIAL_SLOTS);

        static void backOff(int spins) {
            if (spins < 100) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }

        /** Waits until {@code frozen} is no longer this stripe's table. */
        void awaitRebuild(Table frozen) {
            for (int spins = 0; table == frozen; spins++) {
                backOff(spins);
            }
        }

        /** Freezes {@code full}, copies its live blocks into a new table and publishes it; once per table. */
        synchronized void rebuild(Table full, AtomicInteger rebuilds) {
            if (table != full) {
                return;
            }
            int live = full.freeze();
            int capacity = full.keys.length;
            int needed = live * 2 >= capacity ? capacity * 2 : capacity;
            Table next = new Table(needed);
            if (full.copyLiveTo(next)) {
                next.closeEmptySlots(); // close may be done with this stripe: the new table must refuse too
            }
            rebuilds.incrementAndGet();
            table = next;
        }
    }

    /** One open-addressing table; see the class comment for the slot layout. */
    private static final class Table {
        final long[] keys;
        final long[] requested;
        final long[] infos;
        final int mask;
        /** Slots no longer empty (live, tombstone or being written). */
        final AtomicInteger used = new AtomicInteger();
        final int limit;

        Table(int slots) {
            keys = new long[slots];
            requested = new long[slots];
            infos = new long[slots];
            mask = slots - 1;
            limit = slots / 4 * 3;
        }

        /**
         * A slot for {@code address}, claimed BUSY: the first tombstone or empty slot of its probe sequence (an empty
         * one with {@link #FRESH} set); {@link #FROZEN} when the table is being rebuilt, {@link #SHUT} when close has
         * marked a slot on the way, {@link #FULL} when no slot is free. Taking another block's tombstone rather than
         * looking on for its own keeps a registration to a probe or two where a table is full of tombstones (a
         * document freed whole, the next parsed); an older tombstone of its own further along stays, for another
         * block to take or the next rebuild to drop.
         */
        int claim(long address, int hash) {
            int step = step(address);
            for (int n = 0, i = hash & mask; n <= mask; n++, i = (i + step) & mask) {
                while (true) { // again when another thread or close changed the slot first
                    long word = (long) KEYS.getVolatile(keys, i);
                    if ((word & MOVED) != 0) {
                        return FROZEN;
                    }
                    if ((word & CLOSED) != 0) {
                        return SHUT;
                    }
                    if (word != 0 && (word & STATE) != FREED) {
                        break; // live or being written: the next slot
                    }
                    if (KEYS.compareAndSet(keys, i, word, nextGeneration(word) | address | BUSY)) {
                        return word == 0 ? i | FRESH : i;
                    }
                }
            }
            return FULL;
        }

        /** The slot whose key is {@code address} (live or not), {@link #ABSENT}, or {@link #FROZEN} when being rebuilt. */
        int find(long address, int hash) {
            int step = step(address);
            for (int n = 0, i = hash & mask; n <= mask; n++, i = (i + step) & mask) {
                long word = (long) KEYS.getVolatile(keys, i);
                if ((word & MOVED) != 0) {
                    return FROZEN;
                }
                if ((word & ADDRESS) == 0 && (word & STATE) == 0) {
                    return ABSENT; // empty (maybe marked closed)
                }
                if ((word & ADDRESS) == address) {
                    return i;
                }
            }
            return ABSENT;
        }

        /** Freezes every slot (waiting out those being written) and counts the live ones. */
        int freeze() {
            int live = 0;
            for (int i = 0; i < keys.length; i++) {
                for (int spins = 0; ; spins++) {
                    long word = (long) KEYS.getVolatile(keys, i);
                    if ((word & STATE) == BUSY) {
                        Stripe.backOff(spins);
                        continue;
                    }
                    if (KEYS.compareAndSet(keys, i, word, word | MOVED)) {
                        if ((word & STATE) == LIVE) {
                            live++;
                        }
                        break;
                    }
                }
            }
            return live;
        }

        /**
         * Copies the live slots of this frozen table into {@code next}, not yet shared with any other thread;
         * true if close had marked any slot. (Close marks a slot before freeze does, or meets it frozen and starts
         * again on the new table, so a slot copied unmarked is one close will still visit.)
         */
        boolean copyLiveTo(Table next) {
            boolean closing = false;
            for (int i = 0; i < keys.length; i++) {
                long word = keys[i] & ~MOVED;
                closing |= (word & CLOSED) != 0;
                if ((word & STATE) != LIVE) {
                    continue;
                }
                long address = word & ADDRESS;
                int slot = hash(address) & next.mask;
                for (int step = step(address); next.keys[slot] != 0; ) {
                    slot = (slot + step) & next.mask;
                }
                next.keys[slot] = word;
                next.requested[slot] = requested[i];
                next.infos[slot] = infos[i];
                next.used.incrementAndGet();
            }
            return closing;
        }

        /** Marks this new table's empty slots CLOSED, so a registration meeting one is refused. */
        void closeEmptySlots() {
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] == 0) {
                    keys[i] = CLOSED;
                }
            }
        }
    }
}
