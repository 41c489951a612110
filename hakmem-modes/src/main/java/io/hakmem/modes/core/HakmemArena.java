package io.hakmem.modes.core;

import io.hakmem.spi.OsMemory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * A confined arena over the allocator: segments are zeroed and scoped to a confined JDK arena, so after
 * {@link #close()} the JDK's own scope check refuses them; then every block is freed in one pass. Its blocks
 * never come from the small tier and survive the allocator's close (which cannot close this confined scope
 * from another thread), so a segment of an open arena never points at memory given back to the OS.
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
        long address = allocator.allocateForArena(byteSize, byteAlignment);
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
        Failures failures = new Failures();
        for (int i = 0; i < count; i += 2) {
            long address = blocks[i];
            long size = blocks[i + 1];
            failures.run(() -> allocator.freeArenaBlock(address, size));
        }
        blocks = null;
        count = 0;
        failures.rethrow();
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
