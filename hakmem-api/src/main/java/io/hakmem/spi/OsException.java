package io.hakmem.spi;

/**
 * An operating-system call failed for a reason other than memory exhaustion (that is an
 * {@link OutOfMemoryError}). The message names the call, its arguments and the errno.
 */
public final class OsException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /**
     * For munmap, the kernel's limit on mappings ({@code vm.max_map_count}) refused the split an unmap needs;
     * nothing was unmapped, so the range is still the caller's, whole, and may be unmapped again later.
     */
    public static final int ENOMEM = 12;
    private final int errno;

    public OsException(String call, int errno, String errnoName) {
        super(call + " failed: errno " + errno + " (" + errnoName + ")");
        this.errno = errno;
    }

    /** The C {@code errno} the call left. */
    public int errno() {
        return errno;
    }
}
