package io.hakmem.bench;

import org.openjdk.jmh.annotations.CompilerControl;

import io.hakmem.ffm.MallocLibrary;

import java.lang.foreign.MemorySegment;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Native malloc/free peers called through {@link MallocLibrary} (critical downcalls), in the two ways Java code
 * uses them. {@code glibc} and {@code mimalloc} hand out what an FFM user of malloc holds: the address made a
 * segment of the block's size ({@code MemorySegment.ofAddress(a).reinterpret(size)}, global scope, so no liveness
 * check on access, and nothing stops an access after free). {@code glibc-raw} and {@code mimalloc-raw} keep raw
 * addresses and write through one global segment, as Unsafe-style code (Netty, Arrow) does: no segment object
 * at all, the floor of what calling malloc from Java costs.
 *
 * <p>Each library lives in a static final of its own holder class, so the JIT folds its method handles into
 * direct calls, and the holder is initialised only by the fork that benchmarks it.
 */
final class MallocPeers {
    /** Writes into native blocks by absolute address: a global segment, so no liveness check. */
    static final MemorySegment ADDRESS_SPACE = MallocLibrary.addressSpace();

    static final String MIMALLOC_LIBRARY = "libmimalloc.so.2";
    static final String RAW = "-raw";

    private MallocPeers() {
    }

    static Optional<MallocLibrary> mimalloc() {
        return MallocLibrary.load(MIMALLOC_LIBRARY, "mi_malloc", "mi_free");
    }

    private static long malloc(MallocLibrary library, long size) {
        long address = library.malloc(size);
        if (address == 0) {
            throw outOfMemory(library, size);
        }
        return address;
    }

    /** Out of the way, so that {@link #malloc} stays small enough to inline everywhere. */
    private static OutOfMemoryError outOfMemory(MallocLibrary library, long size) {
        return new OutOfMemoryError(library.name() + ": malloc(" + size + ") returned NULL");
    }

    /** The block as its FFM user holds it. */
    private static MemorySegment segment(MallocLibrary library, long size) {
        return MemorySegment.ofAddress(malloc(library, size)).reinterpret(size);
    }

    static long allocateWriteFree(MallocLibrary library, long size, boolean raw) {
        if (raw) {
            long address = malloc(library, size);
            ADDRESS_SPACE.set(JAVA_LONG, address, address);
            library.free(address);
            return address;
        }
        MemorySegment block = segment(library, size);
        block.set(JAVA_LONG, 0, size);
        library.free(block.address());
        return block.address();
    }

    static long allocateTouchFree(MallocLibrary library, long size, long pageSize, boolean raw) {
        if (raw) {
            long address = malloc(library, size);
            BlockSlots.touchPages(ADDRESS_SPACE, address, size, pageSize);
            library.free(address);
            return address;
        }
        MemorySegment block = segment(library, size);
        BlockSlots.touchPages(block, 0, size, pageSize);
        library.free(block.address());
        return block.address();
    }

    /**
     * One library's malloc and free, implemented by each peer with its static final in the method's own body: the JIT
     * then folds the library's handles into direct calls wherever the method is compiled, even where a call site sees
     * both peers (a library passed in or held in a field would leave every malloc and free an indirect call through a
     * method handle, which no user's code pays).
     */
    interface LibraryCalls {
        /** A block of {@code size} bytes; {@link OutOfMemoryError} when the library has none. */
        long malloc(long size);

        void free(long address);
    }

    /** Blocks as segments, as an FFM user of malloc holds them. */
    static final class SegmentSlots implements BlockSlots {
        private final LibraryCalls library;
        private final MemorySegment[] blocks;

        SegmentSlots(LibraryCalls library, int count) {
            this.library = library;
            blocks = new MemorySegment[count];
        }

        @Override
        public void allocate(int slot, long size) {
            MemorySegment block = MemorySegment.ofAddress(library.malloc(size)).reinterpret(size);
            block.set(JAVA_LONG, 0, size);
            blocks[slot] = block;
        }

        @Override
        public void free(int slot) {
            library.free(blocks[slot].address());
            blocks[slot] = null;
        }

        @Override
        public void touch(int slot, long size, long pageSize) {
            MemorySegment block = blocks[slot];
            BlockSlots.touchPages(block, 0, size, pageSize);
        }
    }

    /** Blocks as raw addresses, written through one global segment. */
    static final class RawSlots implements BlockSlots {
        private final LibraryCalls library;
        private final long[] blocks;

        RawSlots(LibraryCalls library, int count) {
            this.library = library;
            blocks = new long[count];
        }

        @Override
        public void allocate(int slot, long size) {
            long address = library.malloc(size);
            ADDRESS_SPACE.set(JAVA_LONG, address, address);
            blocks[slot] = address;
        }

        @Override
        public void free(int slot) {
            library.free(blocks[slot]);
            blocks[slot] = 0;
        }

        @Override
        public void touch(int slot, long size, long pageSize) {
            long address = blocks[slot];
            BlockSlots.touchPages(ADDRESS_SPACE, address, size, pageSize);
        }
    }

    static BlockSlots slots(LibraryCalls library, int count, boolean raw) {
        return raw ? new RawSlots(library, count) : new SegmentSlots(library, count);
    }

    /** glibc's malloc and free, handing out segments; {@code glibc-raw} for raw addresses. */
    static final class Glibc implements BenchAllocator, LibraryCalls {
        private static final MallocLibrary GLIBC = MallocLibrary.system();
        private final boolean raw;

        Glibc(boolean raw) {
            this.raw = raw;
        }

        @Override
        public String name() {
            return raw ? Peers.GLIBC + RAW : Peers.GLIBC;
        }

        @Override
        @CompilerControl(CompilerControl.Mode.INLINE) // every peer inlined into the loop alike
        public long allocateWriteFree(long size) {
            return MallocPeers.allocateWriteFree(GLIBC, size, raw);
        }

        @Override
        @CompilerControl(CompilerControl.Mode.INLINE)
        public long allocateTouchFree(long size, long pageSize) {
            return MallocPeers.allocateTouchFree(GLIBC, size, pageSize, raw);
        }

        @Override
        public BlockSlots slots(int count) {
            return MallocPeers.slots(this, count, raw);
        }

        @Override
        public long malloc(long size) {
            return MallocPeers.malloc(GLIBC, size);
        }

        @Override
        public void free(long address) {
            GLIBC.free(address);
        }
    }

    /** mimalloc's mi_malloc and mi_free; construct only when {@link #mimalloc()} is present. */
    static final class Mimalloc implements BenchAllocator, LibraryCalls {
        private static final MallocLibrary MIMALLOC = mimalloc().orElseThrow(() -> new IllegalStateException(
                Peers.MIMALLOC_SKIPPED));
        private final boolean raw;

        Mimalloc(boolean raw) {
            this.raw = raw;
        }

        @Override
        public String name() {
            return raw ? Peers.MIMALLOC + RAW : Peers.MIMALLOC;
        }

        @Override
        @CompilerControl(CompilerControl.Mode.INLINE) // every peer inlined into the loop alike
        public long allocateWriteFree(long size) {
            return MallocPeers.allocateWriteFree(MIMALLOC, size, raw);
        }

        @Override
        @CompilerControl(CompilerControl.Mode.INLINE)
        public long allocateTouchFree(long size, long pageSize) {
            return MallocPeers.allocateTouchFree(MIMALLOC, size, pageSize, raw);
        }

        @Override
        public BlockSlots slots(int count) {
            return MallocPeers.slots(this, count, raw);
        }

        @Override
        public long malloc(long size) {
            return MallocPeers.malloc(MIMALLOC, size);
        }

        @Override
        public void free(long address) {
            MIMALLOC.free(address);
        }
    }
}
