package io.hakmem.arrow;

import io.hakmem.Hakmem;
import org.apache.arrow.memory.AllocationManager;
import org.apache.arrow.memory.RootAllocator;

/**
 * Arrow on hakmem in one call.
 *
 * <pre>{@code
 * Hakmem hakmem = Hakmem.create();
 * HakmemArrow.installAsDefault(hakmem);                  // once, before Arrow's first allocator
 * try (BufferAllocator arrow = new RootAllocator()) {     // Arrow's own code allocates from hakmem now
 *     ...
 * }
 * }</pre>
 *
 * Arrow needs a default allocation manager even for a {@code RootAllocator} given a factory of its own: with
 * neither {@code arrow-memory-unsafe} nor {@code arrow-memory-netty} on the path, {@link #installAsDefault} must
 * run before Arrow's first allocator is made.
 */
public final class HakmemArrow {

    private HakmemArrow() {
    }

    /**
     * A root allocator of at most {@code limit} bytes whose buffers are blocks of {@code hakmem} (site
     * {@code arrow}). The caller closes it, and closes {@code hakmem} after it (before is safe, see the package).
     *
     * @throws IllegalStateException if Arrow has no default allocation manager to initialise with
     */
    public static RootAllocator rootAllocator(Hakmem hakmem, long limit) {
        return rootAllocator(new HakmemAllocationManagerFactory(hakmem), limit);
    }

    /** A root allocator of at most {@code limit} bytes over {@code factory}. */
    public static RootAllocator rootAllocator(HakmemAllocationManagerFactory factory, long limit) {
        try {
            return new RootAllocator(
                    RootAllocator.configBuilder().maxAllocation(limit).allocationManagerFactory(factory).build());
        } catch (ExceptionInInitializerError | NoClassDefFoundError e) {
            throw new IllegalStateException("Arrow could not initialise its allocators: it found no default "
                    + "allocation manager. Call HakmemArrow.installAsDefault(hakmem) before Arrow's first allocator, "
                    + "or put arrow-memory-unsafe on the path", e);
        }
    }

    /**
     * Makes hakmem Arrow's process-wide default: every allocator Arrow makes without a factory of its own
     * ({@code new RootAllocator()}, Arrow's and libraries' code) allocates from {@code hakmem}'s site {@code arrow}
     * from now on. Allocators made before keep what they had. On the module path this needs
     * {@code --add-opens=org.apache.arrow.memory.core/org.apache.arrow.memory=io.hakmem.arrow}.
     *
     * @return the factory installed, for its counters
     * @throws IllegalStateException if Arrow's field cannot be set (the JVM flag is missing)
     */
    public static HakmemAllocationManagerFactory installAsDefault(Hakmem hakmem) {
        HakmemAllocationManagerFactory factory = new HakmemAllocationManagerFactory(hakmem);
        ArrowDefault.install(factory);
        return factory;
    }

    /**
     * Makes {@code factory} Arrow's process-wide default and returns the one it replaces (null when Arrow had not
     * chosen one yet): to put the previous one back, or to install a factory over another site.
     */
    public static AllocationManager.Factory installAsDefault(AllocationManager.Factory factory) {
        return ArrowDefault.install(factory);
    }
}
