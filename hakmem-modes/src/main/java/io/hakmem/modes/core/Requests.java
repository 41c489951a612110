package io.hakmem.modes.core;

/** Validation of allocation requests, shared by every entry point. */
final class Requests {
    /** Above any user address space (x86-64 has 128 TiB): refused before a size computation can overflow. */
    static final long MAX_BYTES = 1L << 48;

    private Requests() {
    }

    /**
     * One branch on the path (a size outside 0..MAX_BYTES, an alignment outside 1..MAX_BYTES or not a power of
     * two), so that the compiled allocation stays small enough for callers to inline.
     */
    static void check(long bytes, long alignment) {
        if (Long.compareUnsigned(bytes, MAX_BYTES) > 0 | Long.compareUnsigned(alignment - 1, MAX_BYTES) >= 0
                | (alignment & (alignment - 1)) != 0) {
            refuse(bytes, alignment);
        }
    }

    private static void refuse(long bytes, long alignment) {
        if (bytes < 0) {
            throw new IllegalArgumentException("Invalid allocation size: " + bytes + " (must be >= 0)");
        }
        if (alignment <= 0 || (alignment & (alignment - 1)) != 0) {
            throw new IllegalArgumentException("Invalid alignment: " + alignment + " (must be a power of two)");
        }
        throw new OutOfMemoryError("Cannot allocate " + bytes + " bytes aligned to " + alignment
                + ": larger than any address space");
    }
}
