package io.hakmem.bench;

import org.openjdk.jmh.annotations.CompilerControl;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The JDK's own answer: a confined arena per operation, {@code Arena.ofConfined()}, {@code allocate},
 * {@code close()}. Note that {@link Arena#allocate} zeroes the block (malloc + memset underneath), which
 * the malloc-style peers do not: on 2 MiB that is a 2 MiB memset per operation.
 */
final class ArenaPeer implements BenchAllocator {

    @Override
    public String name() {
        return "arena";
    }

    @Override
    @CompilerControl(CompilerControl.Mode.INLINE) // every peer inlined into the loop alike
    public long allocateWriteFree(long size) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment block = arena.allocate(size, HakmemPeer.ALIGNMENT);
            block.set(JAVA_LONG, 0, size);
            return block.address();
        }
    }

    /**
     * A block that outlives its operation needs an arena of its own, and one another thread may close: a
     * shared arena per block ({@code Arena.ofShared()}), the only way the JDK frees a block from another thread.
     */
    @Override
    public BlockSlots slots(int count) {
        Arena[] arenas = new Arena[count];
        MemorySegment[] segments = new MemorySegment[count];
        return new BlockSlots() {
            @Override
            public void allocate(int slot, long size) {
                Arena arena = Arena.ofShared();
                MemorySegment block = arena.allocate(size, HakmemPeer.ALIGNMENT);
                block.set(JAVA_LONG, 0, size);
                arenas[slot] = arena;
                segments[slot] = block;
            }

            @Override
            public void free(int slot) {
                arenas[slot].close();
                arenas[slot] = null;
                segments[slot] = null;
            }

            @Override
            public void touch(int slot, long size, long pageSize) {
                MemorySegment block = segments[slot];
                BlockSlots.touchPages(block, 0, size, pageSize);
            }
        };
    }

    @Override
    @CompilerControl(CompilerControl.Mode.INLINE)
    public long allocateTouchFree(long size, long pageSize) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment block = arena.allocate(size, HakmemPeer.ALIGNMENT);
            BlockSlots.touchPages(block, 0, size, pageSize);
            return block.address();
        }
    }
}
