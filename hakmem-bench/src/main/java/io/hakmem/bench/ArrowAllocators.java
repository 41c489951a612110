package io.hakmem.bench;

import io.hakmem.Hakmem;
import io.hakmem.arrow.HakmemAllocationManagerFactory;
import io.hakmem.arrow.HakmemArrow;
import org.apache.arrow.memory.AllocationManager;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.memory.netty.NettyAllocationManager;
import org.apache.arrow.memory.unsafe.UnsafeAllocationManager;

/**
 * Arrow's root allocator over each backend the Arrow benchmarks compare: {@code hakmem-<mode>} (hakmem-arrow),
 * {@code arrow-unsafe} (arrow-memory-unsafe) and {@code arrow-netty} (arrow-memory-netty, over this build's Netty).
 * Arrow's process default is Unsafe ({@code -Darrow.allocation.manager.type=Unsafe} in the forks), so that a backend
 * that fails to start fails alone.
 */
final class ArrowAllocators implements AutoCloseable {
    static final String UNSAFE = "arrow-unsafe";
    static final String NETTY = "arrow-netty";

    final BufferAllocator root;
    /** The allocator under hakmem's backend, or null. */
    private final Hakmem hakmem;
    private final String name;

    private ArrowAllocators(String name, BufferAllocator root, Hakmem hakmem) {
        this.name = name;
        this.root = root;
        this.hakmem = hakmem;
    }

    /**
     * @throws IllegalStateException {@code skipped: ...} when the backend cannot start on this JVM
     */
    static ArrowAllocators open(String allocator) {
        if (allocator.startsWith(HakmemPeer.PREFIX)) {
            Hakmem hakmem = HakmemPeer.create(allocator);
            return new ArrowAllocators(allocator,
                    HakmemArrow.rootAllocator(new HakmemAllocationManagerFactory(hakmem), Long.MAX_VALUE), hakmem);
        }
        // Arrow's allocator classes first: UnsafeAllocationManager's initialiser builds a buffer, which initialises
        // them, and they read its factory, still null.
        RootAllocator.configBuilder();
        try {
            AllocationManager.Factory factory = switch (allocator) {
                case UNSAFE -> UnsafeAllocationManager.FACTORY;
                case NETTY -> NettyAllocationManager.FACTORY;
                default -> throw new IllegalArgumentException("Unknown Arrow allocator '" + allocator + "'; one of "
                        + "hakmem-<mode>, " + UNSAFE + ", " + NETTY);
            };
            BufferAllocator root = new RootAllocator(RootAllocator.configBuilder().maxAllocation(Long.MAX_VALUE)
                    .allocationManagerFactory(factory).build());
            root.buffer(64).close(); // arrow-netty without Unsafe fails here, not in its initialiser
            return new ArrowAllocators(allocator, root, null);
        } catch (LinkageError | ClassCastException e) { // what a backend that cannot run on this JVM throws
            throw new IllegalStateException("skipped: " + allocator + " does not start here: " + causes(e), e);
        }
    }

    private static String causes(Throwable e) {
        StringBuilder text = new StringBuilder(e.toString());
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            text.append(" <- ").append(cause);
        }
        return text.toString();
    }

    /** {@code arrow-info allocator=... [hakmem counters]} */
    String report() {
        return "arrow-info allocator=" + name + " allocated=" + root.getAllocatedMemory()
                + " peak=" + root.getPeakMemoryAllocation()
                + (hakmem == null ? "" : " " + IntegrationReport.hakmem(hakmem, "arrow"));
    }

    @Override
    public void close() {
        root.close();
        if (hakmem != null) {
            hakmem.close();
        }
    }
}
