package io.hakmem.spi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The operating system's memory calls: the only door to mmap and malloc. {@code io.hakmem.ffm} implements
 * it with downcalls; a test can bind a decorator that injects faults.
 *
 * <p>Failures: memory exhaustion throws {@link OutOfMemoryError} naming the size; anything else throws
 * {@link OsException} naming the call and the errno.
 */
public interface OsMemory extends AllocatorPart {

    /** The size of a page in bytes. */
    long pageSize();

    /** Maps {@code bytes} (a page multiple) of private anonymous read-write memory. */
    long map(long bytes);

    /** Like {@link #map} with the start aligned to {@code alignment}, a power of two above the page size. */
    long mapAligned(long bytes, long alignment);

    /**
     * Reserves {@code bytes} (a page multiple) of address space aligned to {@code alignment} (a power of two,
     * at least the page size), with no access and no memory behind it: nothing is charged until a part of it
     * is {@linkplain #commit committed}. Released with {@link #unreserve}.
     */
    long reserve(long bytes, long alignment);

    /**
     * Makes a page-aligned part of a {@linkplain #reserve reserved} range readable and writable; from then on it
     * counts as mapped rather than reserved.
     */
    void commit(long address, long bytes);

    /**
     * Unmaps a whole {@linkplain #reserve reserved} range, of which {@code committedBytes} were
     * {@linkplain #commit committed}.
     *
     * @throws OsException when the kernel refuses
     */
    void unreserve(long address, long bytes, long committedBytes);

    /**
     * Unmaps a range this interface mapped.
     *
     * @throws OsException when the kernel refuses; with {@link OsException#ENOMEM} the range is left mapped as it was
     */
    void unmap(long address, long bytes);

    /** Advises the kernel about a mapped range; false when it refuses that advice (EINVAL). */
    boolean advise(long address, long bytes, Advice advice);

    /** System {@code malloc}. */
    long malloc(long bytes);

    /** System {@code posix_memalign}; {@code alignment} is a power of two and a multiple of 8. */
    long alignedAlloc(long alignment, long bytes);

    /** System {@code free} of a block {@link #malloc} or {@link #alignedAlloc} returned for {@code bytes}. */
    void free(long address, long bytes);

    /**
     * A part takes {@code bytes} of committed address space into use (a pool's slab about to be written): counted
     * against {@code hakmem.max-bytes} as a mapping is. Nothing happens without a limit.
     *
     * @throws OutOfMemoryError naming the limit when it would be passed
     */
    default void claim(long bytes) {
    }

    /** Gives back what {@link #claim} counted: the pages went back to the OS. */
    default void unclaim(long bytes) {
    }

    /** The process's page faults so far. */
    PageFaults pageFaults();

    /** The process's resident set size in bytes. */
    long residentBytes();

    /**
     * A segment spanning the whole address space whose lifetime is {@code scope}'s: slices of it are the
     * segments an allocator hands out, so closing {@code scope} invalidates them all. Making it is a
     * restricted operation, which is why it lives here.
     */
    MemorySegment addressSpace(Arena scope);
}
