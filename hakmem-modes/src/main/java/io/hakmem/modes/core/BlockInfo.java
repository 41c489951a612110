package io.hakmem.modes.core;

/**
 * The metadata word the {@link BlockRegistry} keeps for each malloc'd or mapped block, off the block
 * itself (the original's 32-byte header cost 30-50 ns per operation, and reading a header in front of an
 * unknown pointer can fault the JVM).
 *
 * <pre>
 *  63                            24 23                  3   2   1   0
 * +--------------------------------+---------------------+---+---+---+
 * | capacity in 4 KiB units (40 b) | site id (21 bits)    | A | F | M |
 * +--------------------------------+---------------------+---+---+---+
 *  M: mapped (mmap) rather than malloc'd      F: freed
 *  A: a block of an arena, which outlives the allocator's close until the arena frees it
 * </pre>
 *
 * Capacity is only meaningful for mapped blocks, whose capacity is a multiple of 4 KiB.
 */
final class BlockInfo {
    static final long MAPPED = 1L;
    static final long FREED = 1L << 1;
    static final long ARENA = 1L << 2;
    private static final int SITE_SHIFT = 3;
    private static final long SITE_MASK = (1L << 21) - 1;
    private static final int CAPACITY_SHIFT = 24;
    private static final int UNIT_SHIFT = 12;
    static final int MAX_SITES = (int) SITE_MASK + 1;

    private BlockInfo() {
    }

    static long malloced(int site) {
        return (long) site << SITE_SHIFT;
    }

    static long mapped(int site, long capacity) {
        return (capacity >>> UNIT_SHIFT) << CAPACITY_SHIFT | (long) site << SITE_SHIFT | MAPPED;
    }

    static boolean isMapped(long info) {
        return (info & MAPPED) != 0;
    }

    static boolean isArena(long info) {
        return (info & ARENA) != 0;
    }

    static boolean isFreed(long info) {
        return (info & FREED) != 0;
    }

    static int site(long info) {
        return (int) ((info >>> SITE_SHIFT) & SITE_MASK);
    }

    static long capacity(long info) {
        return (info >>> CAPACITY_SHIFT) << UNIT_SHIFT;
    }
}
