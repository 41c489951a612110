package io.hakmem.tinypool;

/**
 * The seed's seven size classes, 16 B to 1 KiB in powers of two. A block of class {@code c} is
 * {@code 1 << (MIN_SHIFT + c)} bytes and, since slabs are aligned to their size, naturally aligned to it: a
 * request is served by the class of {@code max(bytes, alignment)} rounded up.
 */
final class SizeClasses {
    static final int MIN_SHIFT = 4;
    static final int MAX_SHIFT = 10;
    static final int COUNT = MAX_SHIFT - MIN_SHIFT + 1;
    static final long MAX_BYTES = 1L << MAX_SHIFT;

    private SizeClasses() {
    }

    /** The class of a request of {@code size} bytes (already the larger of size and alignment), 1..MAX_BYTES. */
    static int of(long size) {
        return Math.max(0, 64 - MIN_SHIFT - Long.numberOfLeadingZeros(size - 1));
    }

    static int blockShift(int sizeClass) {
        return MIN_SHIFT + sizeClass;
    }

    static long blockBytes(int sizeClass) {
        return 1L << blockShift(sizeClass);
    }
}
