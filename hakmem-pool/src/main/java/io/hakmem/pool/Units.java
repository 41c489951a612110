package io.hakmem.pool;

/**
 * The geometry every pool shares. A pool's reservation is cut into 64 KiB units; a slab spans a power of two of
 * them (one unit for TinyPool's slabs and MidPool's smaller pages, up to 128 units for its largest), starts at a
 * multiple of its own size, and is found from any address inside it with one shift and one table load.
 */
final class Units {
    static final int UNIT_SHIFT = 16;
    static final long UNIT_BYTES = 1L << UNIT_SHIFT;
    /** A slab spans at most {@code 1 << MAX_SPAN_SHIFT} units (8 MiB). */
    static final int MAX_SPAN_SHIFT = 7;
    static final int SPANS = MAX_SPAN_SHIFT + 1;
    /** Reserved memory is committed this much at a time as carving rises through it. */
    static final int COMMIT_SHIFT = 21;
    static final long COMMIT_BYTES = 1L << COMMIT_SHIFT;

    private Units() {
    }

    static long spanBytes(int spanShift) {
        return UNIT_BYTES << spanShift;
    }
}
