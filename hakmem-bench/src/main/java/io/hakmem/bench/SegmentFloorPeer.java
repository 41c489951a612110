package io.hakmem.bench;

import org.openjdk.jmh.annotations.CompilerControl;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Not an allocator: the work hakmem's public API does around any small tier, with no tier at all. One block,
 * allocated once, is handed out again and again the way hakmem hands out a block: a slice of an address-space
 * segment scoped to a shared arena, behind an open check and the request checks; the free checks the segment's
 * scope and the allocator's state. What is left is the segment API's own cost, the floor under every hakmem row
 * of tiny-hot. Run it by name ({@code -p allocator=segment-floor}); it is in no default run.
 */
final class SegmentFloorPeer implements BenchAllocator {
    static final String NAME = "segment-floor";

    private final Arena scope = Arena.ofShared();
    private final MemorySegment.Scope blockScope = scope.scope();
    private final MemorySegment space = MemorySegment.NULL.reinterpret(Long.MAX_VALUE, scope, null);
    private final long block = scope.allocate(4096, 4096).address();
    private volatile boolean closed;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    @CompilerControl(CompilerControl.Mode.INLINE) // every peer inlined into the loop alike
    public long allocateWriteFree(long size) {
        MemorySegment segment = allocate(size);
        segment.set(JAVA_LONG, 0, size);
        free(segment);
        return segment.address();
    }

    @Override
    @CompilerControl(CompilerControl.Mode.INLINE)
    public long allocateTouchFree(long size, long pageSize) {
        MemorySegment segment = allocate(size);
        segment.set(JAVA_BYTE, 0, (byte) 1);
        free(segment);
        return segment.address();
    }

    private MemorySegment allocate(long size) {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (size < 0 || size > 4096) {
            throw new IllegalArgumentException("segment-floor serves 0 to 4096 bytes, not " + size);
        }
        return space.asSlice(block, size);
    }

    private void free(MemorySegment segment) {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (segment.scope() != blockScope) {
            throw new IllegalArgumentException("not a block of segment-floor");
        }
    }

    /** Blocks that outlive an operation would all be the one block: not a scenario this floor can stand for. */
    @Override
    public BlockSlots slots(int count) {
        throw new UnsupportedOperationException("segment-floor has one block; it runs tiny-hot only");
    }

    @Override
    public void close() {
        closed = true;
        scope.close();
    }
}
