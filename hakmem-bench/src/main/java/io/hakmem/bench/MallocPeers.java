package io.hakmem.bench;

import org.openjdk.jmh.annotations.CompilerControl;

import io.hakmem.ffm.MallocLibrary;

import java.lang.foreign.MemorySegment;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Native malloc/free peers called through {@link MallocLibrary} (critical downcalls). Each library lives in
 * a static final of its own holder class, so the JIT folds its method handles into direct calls, and the
 * holder is initialised only by the fork that benchmarks it.
 */
final class MallocPeers {
    /** Writes into native blocks by absolute address: a global segment, so no liveness check. */
    static final MemorySegment ADDRESS_SPACE = MallocLibrary.addressSpace();

    static final String MIMALLOC_LIBRARY = "libmimalloc.so.2";

    private MallocPeers() {
    }

    static Optional<MallocLibrary> mimalloc() {
        return MallocLibrary.load(MIMALLOC_LIBRARY, "mi_malloc", "mi_free");
    }

    static long allocateWriteFree(MallocLibrary library, long size) {
        long address = library.malloc(size);
        if (address == 0) {
            throw new OutOfMemoryError(library.name() + ": malloc(" + size + ") returned NULL");
        }
        ADDRESS_SPACE.set(JAVA_LONG, address, address);
        library.free(address);
        return address;
    }

    static long allocateTouchFree(MallocLibrary library, long size, long pageSize) {
        long address = library.malloc(size);
        if (address == 0) {
            throw new OutOfMemoryError(library.name() + ": malloc(" + size + ") returned NULL");
        }
        for (long offset = 0; offset < size; offset += pageSize) {
            ADDRESS_SPACE.set(JAVA_BYTE, address + offset, (byte) 1);
        }
        library.free(address);
        return address;
    }

    /** Slots of native addresses. */
    static BlockSlots slots(MallocLibrary library, int count) {
        long[] blocks = new long[count];
        return new BlockSlots() {
            @Override
            public void allocate(int slot, long size) {
                long address = library.malloc(size);
                if (address == 0) {
                    throw new OutOfMemoryError(library.name() + ": malloc(" + size + ") returned NULL");
                }
                ADDRESS_SPACE.set(JAVA_LONG, address, address);
                blocks[slot] = address;
            }

            @Override
            public void free(int slot) {
                library.free(blocks[slot]);
                blocks[slot] = 0;
            }
        };
    }

    /** glibc's malloc and free. */
    static final class Glibc implements BenchAllocator {
        private static final MallocLibrary GLIBC = MallocLibrary.system();

        @Override
        public String name() {
            return "glibc";
        }

        @Override
        @CompilerControl(CompilerControl.Mode.INLINE) // every peer inlined into the loop alike
        public long allocateWriteFree(long size) {
            return MallocPeers.allocateWriteFree(GLIBC, size);
        }

        @Override
        @CompilerControl(CompilerControl.Mode.INLINE)
        public long allocateTouchFree(long size, long pageSize) {
            return MallocPeers.allocateTouchFree(GLIBC, size, pageSize);
        }

        @Override
        public BlockSlots slots(int count) {
            return MallocPeers.slots(GLIBC, count);
        }
    }

    /** mimalloc's mi_malloc and mi_free; construct only when {@link #mimalloc()} is present. */
    static final class Mimalloc implements BenchAllocator {
        private static final MallocLibrary MIMALLOC = mimalloc().orElseThrow(() -> new IllegalStateException(
                Peers.MIMALLOC_SKIPPED));

        @Override
        public String name() {
            return "mimalloc";
        }

        @Override
        @CompilerControl(CompilerControl.Mode.INLINE) // every peer inlined into the loop alike
        public long allocateWriteFree(long size) {
            return MallocPeers.allocateWriteFree(MIMALLOC, size);
        }

        @Override
        @CompilerControl(CompilerControl.Mode.INLINE)
        public long allocateTouchFree(long size, long pageSize) {
            return MallocPeers.allocateTouchFree(MIMALLOC, size, pageSize);
        }

        @Override
        public BlockSlots slots(int count) {
            return MallocPeers.slots(MIMALLOC, count);
        }
    }
}
