package io.hakmem.bench.ablation;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * Not an allocator: what a scenario costs with next to no allocator under it, the floor under every other column.
 * A block is the next slice of one segment allocated (and so touched) when the cell opens, a bump of one offset
 * that wraps to the start when the segment is used up; a free does nothing. Blocks handed out long ago are handed
 * out again over live ones, which no scenario notices, since none reads a block back. The slice is made the way
 * the peers make theirs, so the segment objects and the writes are the scenario's, as in every other column.
 * One thread's: cross-thread scenarios skip it. Asked for by name ({@code --peers floor}); in no default run.
 */
final class FloorSubject implements Subject {
    static final String NAME = "floor";
    static final long CAPACITY = 64L << 20;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment space = arena.allocate(CAPACITY, 4096);
    private long next;

    @Override
    public Object allocate(long size) {
        return allocate(size, 16);
    }

    @Override
    public Object allocate(long size, long alignment) {
        if (size < 0 || size > CAPACITY || alignment <= 0 || alignment > 4096 || Long.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("The floor serves 0 to " + CAPACITY + " bytes aligned to at most "
                    + "4096, not " + size + " aligned to " + alignment);
        }
        long at = (next + alignment - 1) & -alignment;
        if (at + size > CAPACITY) {
            at = 0;
        }
        next = at + size;
        return space.asSlice(at, size);
    }

    @Override
    public void write(Object block, long offset, byte value) {
        ((MemorySegment) block).set(JAVA_BYTE, offset, value);
    }

    @Override
    public void copy(byte[] source, int from, Object block, long offset, int length) {
        MemorySegment.copy(source, from, (MemorySegment) block, JAVA_BYTE, offset, length);
    }

    @Override
    public void free(Object block) {
        // nothing to give back: the offset wraps
    }

    @Override
    public void close() {
        arena.close();
    }
}
