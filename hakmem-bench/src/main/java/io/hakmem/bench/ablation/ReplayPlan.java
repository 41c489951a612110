package io.hakmem.bench.ablation;

import io.hakmem.modes.trace.TraceEnd;
import io.hakmem.modes.trace.TraceFormatException;
import io.hakmem.modes.trace.TraceReader;
import io.hakmem.modes.trace.TraceVisitor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * A trace made ready to replay, in flat arrays read in order, so that replaying streams as little as it can through
 * the caches the allocators under test use too: each thread's operations in its order, and beside them each of its
 * allocations' size and {@link #meta} (site, alignment, kind). An operation is {@code slot << 2 | kind}: the slot of
 * the handle table the block lives in, and a free of a block another thread allocates is {@link #FREE_REMOTE} (it
 * waits for the allocation, by the slot's count of occupants: {@link #awaitedOccupants}). A slot is reused by the
 * thread that freed its block, so where threads allocate about as much as they free (larson, a request per thread)
 * the table is about the size of the live set, as the program's own would be; a thread that only frees what others
 * allocate (a consumer) hands nothing back, and its producer takes a new slot for each block. Frees of blocks whose
 * allocation was dropped are left out; blocks never freed are each thread's {@link #leftovers} (slots), freed after
 * the replay's clock stops.
 */
final class ReplayPlan {
    static final int ALLOCATE = 0;
    static final int FREE = 1;
    static final int FREE_REMOTE = 2;
    /** Block numbers go in an int beside two bits of kind. */
    private static final int MAX_BLOCKS = 1 << 29;

    final String[] threadNames;
    final int[][] operations;
    final int[][] leftovers;
    final String[] siteNames;
    /** Each thread's allocations' sizes, in its order. */
    final long[][] sizes;
    /** Each thread's allocations' {@code site << 8 | alignmentShift << 1 | byAddress}, in its order. */
    final int[][] meta;
    /**
     * Each thread's frees of other threads' blocks, in its order: which occupant of the slot (1 for its first block,
     * 2 for the next, ...) the free waits for, since the slot may still hold the block before.
     */
    final int[][] awaitedOccupants;
    /** Slots of the handle table a replay needs. */
    final int slots;
    final long allocations;
    final boolean crossThread;

    private ReplayPlan(Builder built) {
        int threads = built.threadNames.size();
        this.threadNames = built.threadNames.toArray(String[]::new);
        this.siteNames = built.siteNames.toArray(String[]::new);
        this.operations = new int[threads][];
        this.leftovers = new int[threads][];
        this.sizes = new long[threads][];
        this.meta = new int[threads][];
        this.awaitedOccupants = new int[threads][];
        SlotAssignment assignment = new SlotAssignment(built);
        for (int t = 0; t < threads; t++) {
            operations[t] = assignment.operations[t].toArray();
            sizes[t] = assignment.sizes[t].build().toArray();
            meta[t] = assignment.meta[t].toArray();
            awaitedOccupants[t] = assignment.awaited[t].toArray();
        }
        List<Ints> kept = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            kept.add(new Ints());
        }
        for (int block = 0; block < built.blocks; block++) {
            if (built.allocated.get(block) && !built.freed.get(block)) {
                kept.get(built.allocatedBy[block]).add(assignment.slotOf[block]);
            }
        }
        for (int t = 0; t < threads; t++) {
            leftovers[t] = kept.get(t).toArray();
        }
        this.slots = assignment.slotCount;
        this.allocations = assignment.allocated;
        this.crossThread = assignment.remote;
    }

    /**
     * Gives each allocation a slot of the handle table, reusing the slots of freed blocks. A slot freed by a thread
     * goes back to that thread, which alone reuses it: its reuse comes after the free in the thread's own order, so
     * it never waits. The threads' operations are walked in an order the program could have run them in (each thread
     * in its order, a free of another thread's block after that block's allocation); a free of another thread's
     * block is told which occupant of its slot to wait for.
     */
    private static final class SlotAssignment {
        final int[] slotOf;
        final Ints[] operations;
        final LongStream.Builder[] sizes;
        final Ints[] meta;
        final Ints[] awaited;
        int slotCount;
        long allocated;
        boolean remote;
        /** How many blocks each slot has held so far: the occupant a waiting free waits for. */
        private final Ints slotUses = new Ints();
        private final int[] occupantOf;

        SlotAssignment(Builder built) {
            int threads = built.threadNames.size();
            slotOf = new int[built.blocks];
            occupantOf = new int[built.blocks];
            Arrays.fill(slotOf, -1);
            operations = new Ints[threads];
            sizes = new LongStream.Builder[threads];
            meta = new Ints[threads];
            awaited = new Ints[threads];
            Ints[] freeSlots = new Ints[threads];
            for (int t = 0; t < threads; t++) {
                operations[t] = new Ints();
                sizes[t] = LongStream.builder();
                meta[t] = new Ints();
                awaited[t] = new Ints();
                freeSlots[t] = new Ints();
            }
            int[] next = new int[threads];
            boolean progress = true;
            while (progress) {
                progress = false;
                for (int t = 0; t < threads; t++) {
                    int from = next[t];
                    next[t] = walk(built, t, from, freeSlots[t]);
                    progress |= next[t] != from;
                }
            }
            for (int t = 0; t < threads; t++) {
                if (next[t] < built.operations.get(t).size) {
                    int block = built.operations.get(t).values[next[t]] >>> 2;
                    throw new IllegalArgumentException("The trace's thread " + built.threadNames.get(t)
                            + " frees block " + block + " before any order of the threads allocates it: no run of a "
                            + "program could have recorded this");
                }
            }
        }

        /** Assigns thread {@code t}'s operations from {@code from} until one frees a block not allocated yet. */
        private int walk(Builder built, int t, int from, Ints freeSlots) {
            Ints ops = built.operations.get(t);
            int i = from;
            for (; i < ops.size; i++) {
                int op = ops.values[i];
                int block = op >>> 2;
                if ((op & 3) == ALLOCATE) {
                    allocated++;
                    int slot = freeSlots.size > 0 ? freeSlots.values[--freeSlots.size] : newSlot();
                    slotOf[block] = slot;
                    occupantOf[block] = ++slotUses.values[slot];
                    operations[t].add(slot << 2 | ALLOCATE);
                    sizes[t].add(built.sizes[block]);
                    meta[t].add(built.sites[block] << 8 | built.alignmentShifts[block] << 1
                            | (built.byAddress[block] ? 1 : 0));
                } else if (!built.orphans.get(block)) {
                    int slot = slotOf[block];
                    if (slot < 0) {
                        return i; // its allocation, on another thread, comes first
                    }
                    boolean other = built.allocatedBy[block] != t;
                    remote |= other;
                    operations[t].add(slot << 2 | (other ? FREE_REMOTE : FREE));
                    if (other) {
                        awaited[t].add(occupantOf[block]);
                    }
                    freeSlots.add(slot);
                }
            }
            return i;
        }

        private int newSlot() {
            slotUses.add(0);
            return slotCount++;
        }
    }

    /**
     * Reads and checks all of {@code trace} before anything is replayed.
     *
     * @throws IllegalArgumentException when the file is not a trace it can replay, naming why and where
     */
    static ReplayPlan load(Path trace) {
        Builder builder = new Builder();
        try {
            TraceReader.read(trace, builder);
        } catch (TraceFormatException e) {
            throw new IllegalArgumentException(trace + " cannot be replayed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(trace + " cannot be read: " + e, e);
        }
        return new ReplayPlan(builder);
    }

    int threads() {
        return threadNames.length;
    }

    /** The site of an allocation's {@link #meta}. */
    static int site(int meta) {
        return meta >>> 8;
    }

    static long alignment(int meta) {
        return 1L << ((meta >>> 1) & 0x7f);
    }

    static boolean byAddress(int meta) {
        return (meta & 1) != 0;
    }

    /** A growing list of ints. */
    private static final class Ints {
        int[] values = new int[64];
        int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    /** Collects the trace as the reader shows it; the plan is made from it once the trace passed every check. */
    private static final class Builder implements TraceVisitor {
        final List<String> threadNames = new ArrayList<>();
        final List<Ints> operations = new ArrayList<>();
        final List<String> siteNames = new ArrayList<>();
        final Map<Integer, Integer> siteIndex = new HashMap<>();
        long[] sizes = new long[1024];
        byte[] alignmentShifts = new byte[1024];
        int[] sites = new int[1024];
        boolean[] byAddress = new boolean[1024];
        int[] allocatedBy = new int[1024];
        final BitSet allocated = new BitSet();
        final BitSet freed = new BitSet();
        BitSet orphans = new BitSet();
        int blocks;

        @Override
        public void thread(int thread, String name) {
            threadNames.add(name); // ids run 1, 2, ...: index thread - 1
            operations.add(new Ints());
        }

        @Override
        public void site(int site, String name) {
            siteIndex.put(site, siteNames.size());
            siteNames.add(name);
        }

        @Override
        public void allocate(int thread, int block, int site, long size, long alignment, boolean address,
                             long time) {
            room(block);
            sizes[block] = size;
            alignmentShifts[block] = (byte) Long.numberOfTrailingZeros(alignment);
            sites[block] = siteIndex.get(site);
            byAddress[block] = address;
            allocatedBy[block] = thread - 1;
            allocated.set(block);
            operations.get(thread - 1).add(block << 2 | ALLOCATE);
        }

        @Override
        public void free(int thread, int block, long time) {
            room(block);
            freed.set(block);
            operations.get(thread - 1).add(block << 2 | FREE);
        }

        @Override
        public void end(TraceEnd end) {
            orphans = end.orphans();
        }

        private void room(int block) {
            if (block >= MAX_BLOCKS) {
                throw new IllegalArgumentException("A trace of more than " + MAX_BLOCKS + " blocks is too large to "
                        + "replay");
            }
            blocks = Math.max(blocks, block + 1);
            if (block >= sizes.length) {
                int length = Math.max(block + 1, sizes.length * 2);
                sizes = Arrays.copyOf(sizes, length);
                alignmentShifts = Arrays.copyOf(alignmentShifts, length);
                sites = Arrays.copyOf(sites, length);
                byAddress = Arrays.copyOf(byAddress, length);
                allocatedBy = Arrays.copyOf(allocatedBy, length);
            }
        }
    }
}
