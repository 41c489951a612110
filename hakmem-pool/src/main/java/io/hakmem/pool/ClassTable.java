package io.hakmem.pool;

/**
 * The size classes of one pool and the slab each is carved in: block size, slab span, blocks per slab. Read by
 * the slow paths; each pool's fast path computes its class from the request with arithmetic of its own
 * ({@link TinyPool#classOf}, {@link MidPool#classOf}).
 *
 * <pre>
 *  TinyPool: 16, 32, 64, ..., 1024 B                     one 64 KiB unit per slab, 64..4096 blocks
 *  MidPool:  2^e + k * 2^(e-3) for k = 1..8, above 1 KiB    1152, 1280, ..., 2048, 2304, ... (a block wastes
 *            at most 1/9 of itself); a slab is the smallest power of two of units holding at least 8 blocks:
 *            8..56 blocks, so a slab's bitmap is one word
 * </pre>
 */
final class ClassTable {
    final int count;
    final long[] blockBytes;
    /** log2 of the block size for the power-of-two classes, else -1. */
    final int[] blockShift;
    final int[] spanShift;
    final int[] capacity;
    /** ceil(2^48 / blockBytes): a block index is {@code offset * reciprocal >>> 48} for offsets below 2^23. */
    final long[] reciprocal;
    /** The largest request this table serves. */
    final long maxBytes;
    /** Whether a slab keeps the requested sizes as shorts (TinyPool) rather than ints (MidPool). */
    final boolean shortRequests;

    private ClassTable(long[] blockBytes, long maxBytes, boolean shortRequests) {
        this.count = blockBytes.length;
        this.blockBytes = blockBytes;
        this.blockShift = new int[count];
        this.spanShift = new int[count];
        this.capacity = new int[count];
        this.reciprocal = new long[count];
        this.maxBytes = maxBytes;
        this.shortRequests = shortRequests;
        for (int c = 0; c < count; c++) {
            long bytes = blockBytes[c];
            blockShift[c] = Long.bitCount(bytes) == 1 ? Long.numberOfTrailingZeros(bytes) : -1;
            int span = 0;
            while (Units.spanBytes(span) < 8 * bytes) {
                span++;
            }
            assert span <= Units.MAX_SPAN_SHIFT : bytes;
            spanShift[c] = span;
            capacity[c] = (int) (Units.spanBytes(span) / bytes);
            reciprocal[c] = ((1L << 48) + bytes - 1) / bytes;
        }
    }

    /** The seven power-of-two classes of 16 B to 1 KiB. */
    static ClassTable tiny() {
        long[] sizes = new long[TinyPool.CLASSES];
        for (int c = 0; c < sizes.length; c++) {
            sizes[c] = 1L << (TinyPool.MIN_SHIFT + c);
        }
        return new ClassTable(sizes, TinyPool.MAX_BYTES, true);
    }

    /** The mid classes from above 1 KiB up to the class of the largest request below {@code limit} (at most 1 MiB). */
    static ClassTable mid(long limit) {
        if (limit <= TinyPool.MAX_BYTES + 1 || limit > MidPool.MAX_BYTES) {
            throw new IllegalArgumentException("MidPool serves above 1 KiB and below at most 1 MiB, not below " + limit);
        }
        int count = MidPool.classOf(limit - 1) + 1;
        long[] sizes = new long[count];
        for (int c = 0; c < count; c++) {
            sizes[c] = MidPool.blockBytes(c);
        }
        return new ClassTable(sizes, limit - 1, false);
    }

    long slabBytes(int c) {
        return Units.spanBytes(spanShift[c]);
    }
}
