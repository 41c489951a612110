package io.hakmem.modes.core;

import io.hakmem.spi.OsMemory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;
import java.util.Arrays;

/**
 * A confined arena over the allocator: segments are zeroed and scoped to a confined JDK arena, so after
 * {@link #close()} the JDK's own scope check refuses them; then every block is freed in one pass. Its blocks
 * never come from the small tier and survive the allocator's close (which cannot close this confined scope
 * from another thread), so a segment of an open arena never points at memory given back to the OS.
 */
final class HakmemArena implements Arena {
    private final Arena scope;
    private final MemorySegment space;
    private final Thread owner;
    private final Blocks blocks;

    HakmemArena(CoreAllocator allocator, OsMemory os) {
        this.scope = Arena.ofConfined();
        this.space = os.addressSpace(scope);
        this.owner = Thread.currentThread();
        this.blocks = new Blocks(allocator);
    }

    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment) {
        checkOwnerAndAlive();
        long address = blocks.allocator.allocateForArena(byteSize, byteAlignment);
        blocks.add(address, byteSize);
        return space.asSlice(address, byteSize).fill((byte) 0);
    }

    @Override
    public MemorySegment.Scope scope() {
        return scope.scope();
    }

    /** What every segment of this arena holds on to: once it is unreachable, so are they all. */
    Object session() {
        return scope.scope();
    }

    Blocks blocks() {
        return blocks;
    }

    /**
     * Closes the scope, then frees every block. The scope refuses (wrong thread, already closed) before it closes:
     * then nothing is freed. A user's cleanup action that throws does so after the scope closed: the blocks are
     * freed all the same and the action's exception is rethrown, as the JDK's own arenas do.
     */
    @Override
    public void close() {
        try {
            closeAndFree();
        } finally {
            // until every block is freed: leak detection frees them too once the session is unreachable, and the
            // JIT may drop this arena (and with it the session) as soon as close has read its fields
            Reference.reachabilityFence(this);
        }
    }

    private void closeAndFree() {
        try {
            scope.close();
        } catch (RuntimeException | Error e) {
            if (scope.scope().isAlive()) {
                throw e;
            }
            try {
                blocks.freeAll();
            } catch (RuntimeException | Error freeing) {
                e.addSuppressed(freeing);
            }
            throw e;
        }
        blocks.freeAll();
    }

    private void checkOwnerAndAlive() {
        if (Thread.currentThread() != owner) {
            throw new WrongThreadException("Attempted access outside owning thread"); // the JDK's arenas' wording
        }
        if (!scope.scope().isAlive()) {
            throw new IllegalStateException("Already closed");
        }
    }

    /**
     * The blocks to free when the arena closes, apart from the arena itself so that leak detection can free
     * them after the arena became unreachable.
     */
    static final class Blocks {
        private final CoreAllocator allocator;
        /** Pairs (address, size). */
        private long[] pairs = new long[16];
        private int count;
        private long bytes;

        Blocks(CoreAllocator allocator) {
            this.allocator = allocator;
        }

        void add(long address, long size) {
            if (count == pairs.length) {
                pairs = Arrays.copyOf(pairs, pairs.length * 2);
            }
            pairs[count++] = address;
            pairs[count++] = size;
            bytes += size;
        }

        long count() {
            return count / 2;
        }

        long bytes() {
            return bytes;
        }

        /** Frees every block, each tried even when one fails; the blocks are taken first, so a second call frees none. */
        synchronized void freeAll() {
            long[] taken = pairs;
            int takenCount = count;
            pairs = new long[0];
            count = 0;
            bytes = 0;
            Failures failures = new Failures();
            for (int i = 0; i < takenCount; i += 2) {
                long address = taken[i];
                long size = taken[i + 1];
                failures.run(() -> allocator.freeArenaBlock(address, size));
            }
            failures.rethrow();
        }
    }
}
