package io.hakmem.modes.trace;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The id of every live recorded block, by address: a free knows only its address. A radix tree over the address,
 * like a page table: bits 47..36, 35..24 and 23..12 choose a node each, and a leaf holds one id per 16 bytes of
 * a 4 KiB page (0: no live block starts there). Every block hakmem hands out starts on a 16-byte boundary below
 * 2^48; any other address goes to a plain map. Nothing is ever resized or moved, so a lookup is three loads and
 * the id; a leaf costs 2 KiB per page where blocks start, made the first time one does, and kept.
 *
 * <p>Threading: no lock. {@link #put} is called by the thread that was just handed the block, {@link #remove} by
 * the thread about to free it; for one address they alternate, ordered by the allocator itself (an address is
 * handed out again only after its free), so an id has one writer at a time: ids are written with release and read
 * with acquire. Nodes and leaves are added with a CAS; a thread that loses the race uses the winner's.
 */
final class LiveBlocks {
    private static final VarHandle NODES = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final VarHandle IDS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int NODE_BITS = 12;
    private static final int NODE_MASK = (1 << NODE_BITS) - 1;
    private static final int PAGE_SHIFT = 12;
    /** Blocks start on 16-byte boundaries: a leaf has a slot per 16 bytes of its page. */
    private static final int SLOT_SHIFT = 4;
    private static final int LEAF_MASK = (1 << (PAGE_SHIFT - SLOT_SHIFT)) - 1;
    private static final long TREE_ADDRESSES = 1L << 48;

    /** Bits 47..36 of the address; then bits 35..24; then 23..12 to a leaf. */
    private final Object[] root = new Object[1 << NODE_BITS];
    private final ConcurrentHashMap<Long, Long> others = new ConcurrentHashMap<>();

    /** Records that the block at {@code address} has id {@code id} (not 0). */
    void put(long address, long id) {
        if (!inTree(address)) {
            others.put(address, id);
            return;
        }
        IDS.setRelease(leaf(address, true), slot(address), id);
    }

    /** The id of the block at {@code address}, which is about to be freed, and no live block there any more; 0 when
     * none is recorded. No atomic swap: only the freeing thread touches the id now. */
    long remove(long address) {
        if (!inTree(address)) {
            Long id = others.remove(address);
            return id == null ? 0 : id;
        }
        long[] leaf = leaf(address, false);
        if (leaf == null) {
            return 0;
        }
        int slot = slot(address);
        long id = (long) IDS.getAcquire(leaf, slot);
        if (id != 0) {
            IDS.setRelease(leaf, slot, 0L);
        }
        return id;
    }

    private static boolean inTree(long address) {
        return Long.compareUnsigned(address, TREE_ADDRESSES) < 0 && (address & ((1 << SLOT_SHIFT) - 1)) == 0;
    }

    private static int slot(long address) {
        return (int) (address >>> SLOT_SHIFT) & LEAF_MASK;
    }

    /** The leaf of {@code address}'s page, made (with the nodes above it) if {@code make}; else null if none. */
    private long[] leaf(long address, boolean make) {
        Object[] middle = (Object[]) child(root, (int) (address >>> 36) & NODE_MASK, make, false);
        if (middle == null) {
            return null;
        }
        Object[] lower = (Object[]) child(middle, (int) (address >>> 24) & NODE_MASK, make, false);
        if (lower == null) {
            return null;
        }
        return (long[]) child(lower, (int) (address >>> PAGE_SHIFT) & NODE_MASK, make, true);
    }

    private static Object child(Object[] node, int index, boolean make, boolean leaf) {
        Object child = NODES.getAcquire(node, index);
        if (child != null || !make) {
            return child;
        }
        Object made = leaf ? new long[LEAF_MASK + 1] : new Object[1 << NODE_BITS];
        Object witness = NODES.compareAndExchange(node, index, null, made);
        return witness == null ? made : witness;
    }

    /** Pages with a leaf, over the whole tree (for tests). */
    int leaves() {
        int leaves = 0;
        for (Object middle : root) {
            if (middle != null) {
                for (Object lower : (Object[]) middle) {
                    if (lower != null) {
                        for (Object leaf : (Object[]) lower) {
                            leaves += leaf == null ? 0 : 1;
                        }
                    }
                }
            }
        }
        return leaves;
    }
}
