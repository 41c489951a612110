package io.hakmem.bench.ablation;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * Not an allocator: what a scenario costs with next to no allocator under it. A block is the next slice of one
 * segment allocated (and so touched) when the cell opens, a bump of one offset; a free only counts the block out,
 * and once none is live the next block starts the segment again, so that a scenario that frees everything it
 * allocated (a document, a batch) reuses memory still in cache, as an allocator does. When the segment is used up
 * with blocks still live, the offset wraps and hands out memory over them, which no scenario notices, since none
 * reads a block back. Blocks are slices of a shared arena's segment, as hakmem's are, so the segment objects, their
 * scope checks and the writes are in this column too. One thread's: multi-threaded scenarios skip it. Asked for by
 * name ({@code --peers floor}); in no default run.
 */
final class FloorSubject implements Subject {
    static final String NAME = "floor";
    static final long CAPACITY = 64L << 20;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment space = arena.allocate(CAPACITY, 4096);
    private long next;
    private long live;

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
        long at = live == 0 ? 0 : (next + alignment - 1) & -alignment;
        if (at + size > CAPACITY) {
            at = 0;
        }
        next = at + size;
        live++;
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
        assert live > 0 : "a free of a block the floor did not hand out";
        live--;
    }

    @Override
    public void close() {
        arena.close();
    }
}
