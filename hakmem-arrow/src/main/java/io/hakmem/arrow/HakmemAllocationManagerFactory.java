package io.hakmem.arrow;

import io.hakmem.Hakmem;
import io.hakmem.Site;
import io.hakmem.spi.OsException;
import org.apache.arrow.memory.AllocationManager;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.ReferenceManager;

import java.lang.foreign.Arena;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Arrow's {@link AllocationManager.Factory} over a {@link Hakmem}: each buffer is a block allocated by address from
 * one site ({@code arrow} unless named), 64-byte aligned. It counts the managers it made and released, so a caller
 * can prove Arrow allocated through it (Arrow falls back to another default without a word).
 */
public final class HakmemAllocationManagerFactory implements AllocationManager.Factory {
    /** Arrow's format recommends 64-byte alignment (one cache line, AVX-512). */
    public static final long ALIGNMENT = 64;
    /** The site buffers are allocated from unless another is named. */
    public static final String SITE = "arrow";

    private final Hakmem hakmem;
    private final Site site;
    private final LongAdder created = new LongAdder();
    private final LongAdder createdBytes = new LongAdder();
    private final LongAdder released = new LongAdder();
    private final LongAdder releasedBytes = new LongAdder();

    /** Buffers from {@code hakmem}'s site {@value #SITE}. */
    public HakmemAllocationManagerFactory(Hakmem hakmem) {
        this(hakmem, SITE);
    }

    /** Buffers from {@code hakmem}'s site {@code siteName}. */
    public HakmemAllocationManagerFactory(Hakmem hakmem, String siteName) {
        this.hakmem = Objects.requireNonNull(hakmem, "hakmem");
        this.site = hakmem.site(siteName);
    }

    /**
     * A manager for a new block of {@code size} bytes.
     *
     * @throws IllegalStateException if the {@code Hakmem} is closed
     * @throws OutOfMemoryError if hakmem cannot map the size
     */
    @Override
    public AllocationManager create(BufferAllocator accountingAllocator, long size) {
        // Allocated before the manager exists: Arrow registers a manager's ledger in its constructor, so a
        // failed allocation must not get that far; a failed constructor gives the block back.
        long address = site.allocateAddress(size, ALIGNMENT);
        AllocationManager manager;
        try {
            manager = new HakmemAllocationManager(accountingAllocator, this, address, size);
        } catch (RuntimeException | Error e) {
            hakmem.freeAddress(address, size);
            throw e;
        }
        created.increment();
        createdBytes.add(size);
        return manager;
    }

    void free(long address, long size) {
        try {
            hakmem.freeAddress(address, size);
        } catch (OsException freedNonetheless) { // an OS call the free set off failed after the block was freed
            countReleased(size);
            throw freedNonetheless;
        }
        countReleased(size);
    }

    private void countReleased(long size) {
        released.increment();
        releasedBytes.add(size);
    }

    /** Arrow's zero-length buffer: shared, never freed, made on first use (see {@link EmptyBuffer}). */
    @Override
    public ArrowBuf empty() {
        return EmptyBuffer.INSTANCE;
    }

    /** The allocator buffers come from. */
    public Hakmem hakmem() {
        return hakmem;
    }

    /** Managers (buffers) made so far. */
    public long managersCreated() {
        return created.sum();
    }

    /** Managers made and not yet released: Arrow buffers whose memory is still live. */
    public long liveManagers() {
        return created.sum() - released.sum();
    }

    /** Bytes Arrow asked for through the live managers. */
    public long liveBytes() {
        return createdBytes.sum() - releasedBytes.sum();
    }

    @Override
    public String toString() {
        return "HakmemAllocationManagerFactory[" + hakmem + ", site " + site.name() + ", " + liveManagers()
                + " live of " + managersCreated() + "]";
    }

    /**
     * Made on first use, not when the factory is: building an {@code ArrowBuf} loads Arrow's allocator classes,
     * whose static initialiser resolves Arrow's default factory, which must not happen before hakmem is installed
     * as that default. Its one byte comes from the global arena (nothing reads it): a hakmem block would keep the
     * pools of a closed allocator pinned for good.
     */
    private static final class EmptyBuffer {
        static final ArrowBuf INSTANCE = new ArrowBuf(ReferenceManager.NO_OP, null, 0,
                Arena.global().allocate(1, ALIGNMENT).address());
    }
}
