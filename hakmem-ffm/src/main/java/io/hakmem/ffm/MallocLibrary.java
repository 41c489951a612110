package io.hakmem.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A malloc-compatible native allocator bound by name, for comparing hakmem with native allocators
 * called from Java (glibc, mimalloc). Both calls are {@code critical}. A record, so that the JIT trusts
 * its final fields and folds the handles of an instance held in a static final field.
 */
public record MallocLibrary(String name, MethodHandle mallocHandle, MethodHandle freeHandle) {

    private static MallocLibrary bind(String name, MemorySegment mallocSymbol, MemorySegment freeSymbol) {
        Linker linker = Linker.nativeLinker();
        Linker.Option critical = Linker.Option.critical(false);
        return new MallocLibrary(name,
                linker.downcallHandle(mallocSymbol, FunctionDescriptor.of(JAVA_LONG, JAVA_LONG), critical),
                linker.downcallHandle(freeSymbol, FunctionDescriptor.ofVoid(JAVA_LONG), critical));
    }

    /** The C library's {@code malloc} and {@code free}. */
    public static MallocLibrary system() {
        SymbolLookup libc = Linker.nativeLinker().defaultLookup();
        return bind("glibc", libc.find("malloc").orElseThrow(), libc.find("free").orElseThrow());
    }

    /**
     * {@code mallocName}/{@code freeName} of the shared library {@code library} (e.g.
     * {@code libmimalloc.so.2}, {@code mi_malloc}, {@code mi_free}), or empty when it is not installed.
     */
    public static Optional<MallocLibrary> load(String library, String mallocName, String freeName) {
        SymbolLookup lookup;
        try {
            lookup = SymbolLookup.libraryLookup(library, Arena.global());
        } catch (IllegalArgumentException notInstalled) {
            return Optional.empty();
        }
        Optional<MemorySegment> mallocSymbol = lookup.find(mallocName);
        Optional<MemorySegment> freeSymbol = lookup.find(freeName);
        if (mallocSymbol.isEmpty() || freeSymbol.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(bind(library, mallocSymbol.get(), freeSymbol.get()));
    }

    /** The address of a new block, or 0 when the library is out of memory. */
    public long malloc(long bytes) {
        try {
            return (long) mallocHandle.invokeExact(bytes);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    public void free(long address) {
        try {
            freeHandle.invokeExact(address);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    /** A segment spanning the whole address space, for writing into blocks of this library. */
    public static MemorySegment addressSpace() {
        return MemorySegment.NULL.reinterpret(Long.MAX_VALUE);
    }
}
