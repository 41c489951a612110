package io.hakmem.bench.ablation;

import java.util.Map;

/**
 * An allocator under study: a hakmem step or a peer. Blocks travel as opaque handles (a segment, a
 * {@code ByteBuf}, an arena), so every scenario runs unchanged on every subject.
 */
interface Subject extends AutoCloseable {

    /** A new block of {@code size} bytes; contents unspecified. */
    Object allocate(long size);

    /** A new block aligned to {@code alignment}; a malloc peer aligns to what its malloc does (16 bytes). */
    default Object allocate(long size, long alignment) {
        return allocate(size);
    }

    /** A block hakmem hands out by address (as the Arrow and Netty integrations take them); a peer's own kind. */
    default Object allocateByAddress(long size, long alignment) {
        return allocate(size, alignment);
    }

    /** Frees a block of {@link #allocateByAddress}. */
    default void freeByAddress(Object block) {
        free(block);
    }

    /** Writes one byte of a block (touching its page). */
    void write(Object block, long offset, byte value);

    /** Copies {@code length} bytes of {@code source} from {@code from} into a block at {@code offset}. */
    void copy(byte[] source, int from, Object block, long offset, int length);

    /** Frees a block, from any thread. */
    void free(Object block);

    /** The subject for call site {@code name}: hakmem's {@code Site}; the peers have none. */
    default Subject site(String name) {
        return this;
    }

    /** Counters by name (hakmem's stats); empty for peers. */
    default Map<String, Long> counters() {
        return Map.of();
    }

    @Override
    default void close() {
    }
}
