package io.hakmem.modes.core;

/**
 * The metadata word the {@link BlockRegistry} keeps for each malloc'd or mapped block, off the block itself
 * (reading a header in front of an unknown pointer can fault the JVM, and writing one costs every operation).
 *
 * <pre>
 *  63                            24 23                  3   2   1   0
 * +--------------------------------+---------------------+---+---+---+
 * | capacity in 4 KiB units (40 b) | site id (21 bits)    | D | A | M |
 * +--------------------------------+---------------------+---+---+---+
 *  M: mapped (mmap) rather than malloc'd
 *  A: a block of an arena, which the arena frees; it outlives the allocator's close until then
 *  D: handed out by address (Hakmem.allocateAddress); it outlives the allocator's close until freed
 * </pre>
 *
 * Capacity is only meaningful for mapped blocks, whose capacity is a multiple of 4 KiB.
 */
final class BlockInfo {
    static final long MAPPED = 1L;
    static final long ARENA = 1L << 1;
    static final long BY_ADDRESS = 1L << 2;
    /** How a block was handed out: as a segment (neither bit), to an arena, or by address. */
    static final long KIND = ARENA | BY_ADDRESS;
    static final long SEGMENT = 0;
    private static final int SITE_SHIFT = 3;
    private static final long SITE_MASK = (1L << 21) - 1;
    private static final int CAPACITY_SHIFT = 24;
    private static final int UNIT_SHIFT = 12;
    static final int MAX_SITES = (int) SITE_MASK + 1;

    private BlockInfo() {
    }

    /** @param kind {@link #SEGMENT}, {@link #ARENA} or {@link #BY_ADDRESS} */
    static long malloced(int site, long kind) {
        return (long) site << SITE_SHIFT | kind;
    }

    static long mapped(int site, long capacity, long kind) {
        return (capacity >>> UNIT_SHIFT) << CAPACITY_SHIFT | (long) site << SITE_SHIFT | kind | MAPPED;
    }

    static boolean isMapped(long info) {
        return (info & MAPPED) != 0;
    }

    /** Whether the block outlives the allocator's close (an arena's, or one handed out by address). */
    static boolean isPinned(long info) {
        return (info & KIND) != 0;
    }

    static long kind(long info) {
        return info & KIND;
    }

    static int site(long info) {
        return (int) ((info >>> SITE_SHIFT) & SITE_MASK);
    }

    static long capacity(long info) {
        return (info >>> CAPACITY_SHIFT) << UNIT_SHIFT;
    }

    /** How a block of {@code kind} was handed out, for a refusal's message. */
    static String describe(long kind) {
        if (kind == ARENA) {
            return "to an arena of this allocator, which frees it when it closes";
        }
        return kind == BY_ADDRESS ? "by address: free it with freeAddress" : "as a segment: free the segment";
    }
}
