package io.hakmem.bench.ablation;

import io.hakmem.Hakmem;
import io.hakmem.HakmemBuilder;
import io.hakmem.Site;
import io.hakmem.ffm.MallocLibrary;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Map;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/** The subjects: hakmem composed for a step, and the peers. */
final class Subjects {
    private static final long ALIGNMENT = 16;
    private static final MemorySegment ADDRESS_SPACE = MallocLibrary.addressSpace();

    private Subjects() {
    }

    /** hakmem composed as {@code step} says. */
    static Subject hakmem(Step step) {
        return hakmem(step, Map.of());
    }

    /** hakmem composed as {@code step} says, with {@code settings} on top (a trace to record, say). */
    static Subject hakmem(Step step, Map<String, String> settings) {
        HakmemBuilder builder = Hakmem.builder().mode(step.mode());
        step.enable().forEach(builder::enable);
        step.settings().forEach(builder::set);
        settings.forEach(builder::set);
        return new HakmemSubject(builder.build());
    }

    /** glibc's malloc and free (the C library's, which an LD_PRELOAD does not change for this lookup). */
    static Subject glibc() {
        return new GlibcSubject();
    }

    /** mimalloc's mi_malloc and mi_free; refused with {@link IllegalStateException} (a skipped cell) when absent. */
    static Subject mimalloc() {
        return loaded(MimallocSubject.LIBRARY, "libmimalloc.so.2 is not installed", new MimallocSubject());
    }

    /**
     * jemalloc's malloc and free, from libjemalloc.so.2 itself: the process must have it under LD_PRELOAD (Debian's
     * build cannot be loaded later: "cannot allocate memory in static TLS block"), which the ablation's child does.
     * The JDK's default lookup would find the C library's malloc even then, so it is looked up in jemalloc's library.
     */
    static Subject jemalloc() {
        return loaded(JemallocSubject.LIBRARY, "libjemalloc.so.2 is not loaded (LD_PRELOAD="
                + System.getenv("LD_PRELOAD") + ")", new JemallocSubject());
    }

    private static Subject loaded(MallocLibrary library, String absent, Subject subject) {
        if (library == null) {
            throw new IllegalStateException(absent);
        }
        return subject;
    }

    static Subject arena() {
        return new ArenaSubject();
    }

    static Subject netty() {
        return new NettySubject();
    }

    private record HakmemSubject(Hakmem hakmem, Site site) implements Subject {
        HakmemSubject(Hakmem hakmem) {
            this(hakmem, null);
        }

        @Override
        public Object allocate(long size) {
            return site == null ? hakmem.allocate(size, ALIGNMENT) : site.allocate(size, ALIGNMENT);
        }

        @Override
        public Object allocate(long size, long alignment) {
            return site == null ? hakmem.allocate(size, alignment) : site.allocate(size, alignment);
        }

        @Override
        public Object allocateByAddress(long size, long alignment) {
            long address = site == null ? hakmem.allocateAddress(size, alignment) : site.allocateAddress(size, alignment);
            return ADDRESS_SPACE.asSlice(address, size);
        }

        @Override
        public void freeByAddress(Object block) {
            MemorySegment segment = (MemorySegment) block;
            hakmem.freeAddress(segment.address(), segment.byteSize());
        }

        @Override
        public void write(Object block, long offset, byte value) {
            ((MemorySegment) block).set(JAVA_BYTE, offset, value);
        }

        @Override
        public void free(Object block) {
            hakmem.free((MemorySegment) block);
        }

        @Override
        public void copy(byte[] source, int from, Object block, long offset, int length) {
            MemorySegment.copy(source, from, (MemorySegment) block, JAVA_BYTE, offset, length);
        }


        @Override
        public Subject site(String name) {
            return new HakmemSubject(hakmem, hakmem.site(name));
        }

        @Override
        public Map<String, Long> counters() {
            return hakmem.stats().counters();
        }

        @Override
        public void close() {
            if (site == null) {
                hakmem.close();
            }
        }
    }

    /**
     * Blocks of a native malloc, as slices of one address-space segment: what hakmem hands out too. The library comes
     * from a method each subject overrides with a static final: held in a field, every malloc and free would be an
     * indirect call through a method handle, which no program calling malloc from a static final pays.
     */
    private abstract static class MallocSubject implements Subject {
        abstract MallocLibrary library();

        @Override
        public Object allocate(long size) {
            long address = library().malloc(Math.max(1, size));
            if (address == 0) {
                throw new OutOfMemoryError(library().name() + ": malloc(" + size + ") returned NULL");
            }
            return ADDRESS_SPACE.asSlice(address, size);
        }

        @Override
        public void write(Object block, long offset, byte value) {
            ((MemorySegment) block).set(JAVA_BYTE, offset, value);
        }

        @Override
        public void free(Object block) {
            library().free(((MemorySegment) block).address());
        }

        @Override
        public void copy(byte[] source, int from, Object block, long offset, int length) {
            MemorySegment.copy(source, from, (MemorySegment) block, JAVA_BYTE, offset, length);
        }

    }

    /** Each library a static final of its own subject class, so the JIT folds its handles into direct calls. */
    private static final class GlibcSubject extends MallocSubject {
        static final MallocLibrary LIBRARY = MallocLibrary.system();

        @Override
        MallocLibrary library() {
            return LIBRARY;
        }
    }

    private static final class MimallocSubject extends MallocSubject {
        /** Null when not installed. */
        static final MallocLibrary LIBRARY = MallocLibrary.load("libmimalloc.so.2", "mi_malloc", "mi_free")
                .orElse(null);

        @Override
        MallocLibrary library() {
            return LIBRARY;
        }
    }

    private static final class JemallocSubject extends MallocSubject {
        /** Null unless preloaded. */
        static final MallocLibrary LIBRARY = System.getenv().getOrDefault("LD_PRELOAD", "").contains("libjemalloc.so.2")
                ? MallocLibrary.load("libjemalloc.so.2", "malloc", "free").orElse(null)
                : null;

        @Override
        MallocLibrary library() {
            return LIBRARY;
        }
    }

    /** One confined arena per block: what plain FFM code does for a block of its own lifetime. */
    private static final class ArenaSubject implements Subject {
        private record Block(Arena arena, MemorySegment segment) {
        }

        @Override
        public Object allocate(long size) {
            return allocate(size, ALIGNMENT);
        }

        @Override
        public Object allocate(long size, long alignment) {
            Arena arena = Arena.ofConfined();
            return new Block(arena, arena.allocate(size, alignment));
        }

        @Override
        public void write(Object block, long offset, byte value) {
            ((Block) block).segment().set(JAVA_BYTE, offset, value);
        }

        @Override
        public void free(Object block) {
            ((Block) block).arena().close();
        }

        @Override
        public void copy(byte[] source, int from, Object block, long offset, int length) {
            MemorySegment.copy(source, from, ((Block) block).segment(), JAVA_BYTE, offset, length);
        }
    }

    /** Netty's default pooled direct buffers. */
    private static final class NettySubject implements Subject {
        private static final PooledByteBufAllocator NETTY = PooledByteBufAllocator.DEFAULT;

        @Override
        public Object allocate(long size) {
            return NETTY.directBuffer((int) size);
        }

        @Override
        public void write(Object block, long offset, byte value) {
            ((ByteBuf) block).setByte((int) offset, value);
        }

        @Override
        public void free(Object block) {
            ((ByteBuf) block).release();
        }

        @Override
        public void copy(byte[] source, int from, Object block, long offset, int length) {
            ((ByteBuf) block).setBytes((int) offset, source, from, length);
        }
    }
}
