package io.hakmem.bench;

/**
 * One allocator under test. Each method is one whole operation of a scenario (allocate, write, free), so
 * the block stays a local variable, as in a caller's code, and each peer uses its natural handle: an
 * address (glibc, mimalloc), a {@link java.lang.foreign.MemorySegment} (hakmem, arena) or a
 * {@code ByteBuf} (netty). A split {@code allocate}/{@code free(address)} interface would force the peers
 * whose free needs an object to keep it in a field between the two calls: one heap store per operation,
 * and a segment that escape analysis could otherwise remove would always be allocated.
 *
 * <p>Every implementation returns the address of the block it used, for the benchmark to sink.
 */
public interface BenchAllocator extends AutoCloseable {

    /** The {@code allocator} parameter this peer answers to ({@code glibc}, {@code hakmem-minimal}, ...). */
    String name();

    /** Scenario tiny-hot: allocates {@code size} bytes, writes one {@code long} at offset 0, frees. */
    long allocateWriteFree(long size);

    /**
     * Scenario vm: allocates {@code size} bytes, writes one byte into each page of {@code pageSize} bytes
     * (so every page is faulted in if the allocator handed out fresh memory), frees.
     */
    long allocateTouchFree(long size, long pageSize);

    /** {@code count} empty slots for blocks that outlive one operation (tiny-batch, cross-thread, larson). */
    BlockSlots slots(int count);

    /**
     * The peer as seen from call site {@code name}: hakmem's {@code Site}, whose blocks its features decide per
     * site (ELO learns a threshold per site); the peers without sites are the same for every name.
     */
    default BenchAllocator site(String name) {
        return this;
    }

    /** One line on how the trial went (counters, page faults), or empty; called once, before close. */
    default String report() {
        return "";
    }

    /** A snapshot of the peer's own counters, by name; empty for the peers that keep none. */
    default java.util.Map<String, Long> counters() {
        return java.util.Map.of();
    }

    /** How the peer's counters moved between two snapshots, as {@code name=value} pairs, or empty. */
    default String measured(java.util.Map<String, Long> before, java.util.Map<String, Long> after) {
        return "";
    }

    /** Releases whatever the peer holds (an allocator instance); no-op for the process-wide ones. */
    @Override
    default void close() {
    }
}
