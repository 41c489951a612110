package io.hakmem.netty;

import io.hakmem.Hakmem;
import io.hakmem.Site;
import io.hakmem.spi.OsException;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.internal.PlatformDependent;

import java.util.Objects;

/**
 * A Netty {@code ByteBufAllocator} whose direct buffers are blocks of a {@link Hakmem} (site {@code netty} unless
 * named), freed on release by whichever thread releases them; heap buffers are Netty's unpooled ones. Thread-safe.
 *
 * <pre>{@code
 * Hakmem hakmem = Hakmem.create();
 * ByteBufAllocator alloc = new HakmemByteBufAllocator(hakmem);
 * bootstrap.option(ChannelOption.ALLOCATOR, alloc).childOption(ChannelOption.ALLOCATOR, alloc);
 * }</pre>
 *
 * Needs {@code --enable-native-access=io.hakmem.netty} ({@code ALL-UNNAMED} on the class path). Buffers made before
 * the {@code Hakmem} closes stay usable until released; after close, new direct buffers are refused with
 * {@link IllegalStateException}.
 */
public final class HakmemByteBufAllocator extends AbstractByteBufAllocator implements ByteBufAllocatorMetricProvider {
    /** What malloc guarantees, and what Netty's unpooled buffers get. */
    public static final long ALIGNMENT = 16;
    /** The site direct buffers are allocated from unless another is named. */
    public static final String SITE = "netty";
    /** Netty decides once per JVM whether it uses {@code Unsafe}; so does this allocator. */
    private static final boolean UNSAFE = PlatformDependent.hasUnsafe();

    private final Hakmem hakmem;
    private final Site site;
    private final HakmemByteBufAllocatorMetric metric = new HakmemByteBufAllocatorMetric();

    /** Direct buffers by default, from {@code hakmem}'s site {@value #SITE}. */
    public HakmemByteBufAllocator(Hakmem hakmem) {
        this(hakmem, SITE, true);
    }

    /**
     * @param preferDirect whether {@code buffer()} makes direct buffers (when Netty can free direct buffers
     *                     reliably, as for all of Netty's allocators)
     */
    public HakmemByteBufAllocator(Hakmem hakmem, String siteName, boolean preferDirect) {
        super(preferDirect);
        this.hakmem = Objects.requireNonNull(hakmem, "hakmem");
        this.site = hakmem.site(siteName);
    }

    /** The variant Netty's own unpooled allocator would make here, over a hakmem block; Netty's leak tracking on top. */
    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        return toLeakAwareBuffer(UNSAFE ? newUnsafeDirectBuffer(initialCapacity, maxCapacity)
                : newPlainDirectBuffer(initialCapacity, maxCapacity));
    }

    ByteBuf newUnsafeDirectBuffer(int initialCapacity, int maxCapacity) {
        HakmemBlock block = allocateBlock(initialCapacity);
        try {
            return new HakmemUnsafeDirectByteBuf(this, block, maxCapacity);
        } catch (RuntimeException | Error e) {
            block.clean();
            throw e;
        }
    }

    ByteBuf newPlainDirectBuffer(int initialCapacity, int maxCapacity) {
        HakmemBlock block = allocateBlock(initialCapacity);
        try {
            return new HakmemDirectByteBuf(this, block, maxCapacity);
        } catch (RuntimeException | Error e) {
            block.clean();
            throw e;
        }
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        return UNSAFE ? new HakmemUnsafeHeapByteBuf(this, initialCapacity, maxCapacity)
                : new HakmemHeapByteBuf(this, initialCapacity, maxCapacity);
    }

    /** A new block, counted; refused with {@link IllegalStateException} once the {@code Hakmem} is closed. */
    HakmemBlock allocateBlock(int capacity) {
        long address = site.allocateAddress(capacity, ALIGNMENT);
        HakmemBlock block;
        try {
            block = new HakmemBlock(this, address, capacity);
        } catch (RuntimeException | Error e) { // no native access for reinterpret
            hakmem.freeAddress(address, capacity);
            throw e;
        }
        metric.direct.add(capacity);
        return block;
    }

    /** Frees a block; any thread, before or after the {@code Hakmem} closes. */
    void free(long address, int capacity) {
        try {
            hakmem.freeAddress(address, capacity);
        } catch (OsException freedNonetheless) { // an OS call the free set off failed after the block was freed
            metric.direct.add(-capacity);
            throw freedNonetheless;
        }
        metric.direct.add(-capacity);
    }

    void countHeap(long bytes) {
        metric.heap.add(bytes);
    }

    /** hakmem pools the memory: a direct buffer costs an allocation from a pool, not a system call. */
    @Override
    public boolean isDirectBufferPooled() {
        return true;
    }

    @Override
    public ByteBufAllocatorMetric metric() {
        return metric;
    }

    /** The allocator direct buffers come from. */
    public Hakmem hakmem() {
        return hakmem;
    }

    @Override
    public String toString() {
        return "HakmemByteBufAllocator[" + hakmem + ", site " + site.name() + (UNSAFE ? ", Unsafe" : "") + ", "
                + metric + "]";
    }
}
