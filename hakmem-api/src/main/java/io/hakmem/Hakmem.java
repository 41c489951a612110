package io.hakmem;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;

/**
 * An off-heap memory allocator: {@code malloc} and {@code free} for {@link MemorySegment}s, composed from
 * a preset ({@link Mode}) and the feature modules on the module path.
 *
 * <pre>{@code
 * try (Hakmem hakmem = Hakmem.create(Mode.FAST)) {
 *     MemorySegment block = hakmem.allocate(64, 8);
 *     ...
 *     hakmem.free(block);
 * }
 * }</pre>
 *
 * <p>A {@code Hakmem} is thread-safe; any thread may free any block. Segments it returns stay valid until
 * they are freed or the allocator is closed; after {@link #close()} every segment it handed out is
 * invalid (access throws {@link IllegalStateException}). Using a block after freeing it is, as with
 * {@code malloc}, a bug the allocator cannot see.
 *
 * <p>Bad input never corrupts the allocator: a negative size or an alignment that is not a power of two
 * throws {@link IllegalArgumentException}; a size it cannot map throws {@link OutOfMemoryError}; freeing a
 * segment it did not hand out throws {@link IllegalArgumentException}; freeing a block twice throws
 * {@link IllegalStateException}; any call after {@code close()} throws {@link IllegalStateException}.
 */
public interface Hakmem extends SegmentAllocator, AutoCloseable {

    /**
     * An allocator of the preset named by configuration: {@code -Dhakmem.mode}, {@code HAKMEM_MODE} or
     * {@code hakmem.mode} in {@code application.conf}; {@link Mode#BALANCED} when nothing is set.
     *
     * @throws ConfigurationException if the configuration is bad or names a feature whose module is absent
     * @throws IllegalStateException if no implementation ({@code io.hakmem.modes}) is on the module path
     */
    static Hakmem create() {
        return builder().build();
    }

    /** An allocator of {@code mode}; the individual overrides ({@code HAKMEM_THP}, ...) still apply. */
    static Hakmem create(Mode mode) {
        return builder().mode(mode).build();
    }

    /** For what presets alone cannot say: a mode, feature toggles and individual settings. */
    static HakmemBuilder builder() {
        return new HakmemBuilder();
    }

    /**
     * Allocates {@code byteSize} bytes aligned to {@code byteAlignment}. Contents are unspecified, as with
     * {@code malloc}; {@code allocate(0, a)} returns a valid zero-length segment that must be freed too.
     */
    @Override
    MemorySegment allocate(long byteSize, long byteAlignment);

    /** Returns a block to the allocator. Only whole blocks this allocator handed out may be freed. */
    void free(MemorySegment segment);

    /**
     * Allocates a block and returns its address, for code that reads and writes memory by raw address (Apache
     * Arrow, Netty, Unsafe-style code): no segment is made. Validated as {@link #allocate} is.
     *
     * <p>Such a block outlives {@link #close()}: closing invalidates every segment, but memory handed out by
     * address stays mapped until it is freed with {@link #freeAddress}, which works after close too; the memory
     * goes back to the OS as those blocks come back (the pools once the last one has). An integration that never
     * frees them keeps their memory for the life of the process.
     */
    long allocateAddress(long byteSize, long byteAlignment);

    /**
     * Frees a block {@link #allocateAddress} handed out, naming the size that was asked for. Refused as
     * {@link #free} refuses: an address that is not the start of such a block, or a block handed out as a
     * segment, throws {@link IllegalArgumentException}; a second free throws {@link IllegalStateException}. Any
     * thread may free any block, before or after {@link #close()}.
     */
    void freeAddress(long address, long byteSize);

    /** The allocator for call site {@code name}; the same name gives the same site. */
    Site site(String name);

    /**
     * A new confined arena backed by this allocator. Its segments are zeroed, as {@link Arena#allocate}
     * promises; {@code close()} frees them all in one pass and invalidates them.
     */
    Arena newArena();

    /** A snapshot of the counters of the allocator and of each feature. */
    HakmemStats stats();

    /** The preset this allocator was composed from. */
    Mode mode();

    /** Gives cached memory back to the operating system now. */
    void trim();

    /** Gives everything back to the operating system; any later call throws {@link IllegalStateException}. */
    @Override
    void close();
}
