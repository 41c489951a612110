package io.hakmem.modes.core;

import io.hakmem.spi.OsMemory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * A confined arena over the allocator: segments are zeroed and scoped to a confined JDK arena, so after
 * {@link #close()} the JDK's own scope check refuses them; then every block is freed in one pass.
 */
final class HakmemArena implements Arena {
    private final CoreAllocator allocator;
    private final Arena scope;
    private final MemorySegment space;
    private final Thread owner;
    /** Pairs (address, size) of the blocks to free on close. */
    private long[] blocks = new long[16];
    private int count;

    HakmemArena(CoreAllocator allocator, OsMemory os) {
        this.allocator = allocator;
        this.scope = Arena.ofConfined();
        this.space = os.addressSpace(scope);
        this.owner = Thread.currentThread();
    }

    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment) {
        checkOwnerAndAlive();
        long address = allocator.allocateRaw(byteSize, byteAlignment, 0);
        if (count == blocks.length) {
            blocks = Arrays.copyOf(blocks, blocks.length * 2);
        }
        blocks[count++] = address;
        blocks[count++] = byteSize;
        return space.asSlice(address, byteSize).fill((byte) 0);
    }

    @Override
    public MemorySegment.Scope scope() {
        return scope.scope();
    }

    @Override
    public void close() {
        scope.close(); // throws WrongThreadException or IllegalStateException before anything is freed
        for (int i = 0; i < count; i += 2) {
            allocator.freeRaw(blocks[i], blocks[i + 1]);
        }
        blocks = null;
        count = 0;
    }

    private void checkOwnerAndAlive() {
        if (Thread.currentThread() != owner) {
            throw new WrongThreadException("This arena is confined to " + owner);
        }
        if (!scope.scope().isAlive()) {
            throw new IllegalStateException("Already closed");
        }
    }
}
