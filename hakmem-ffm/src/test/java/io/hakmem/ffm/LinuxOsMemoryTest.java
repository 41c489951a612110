package io.hakmem.ffm;

import io.hakmem.spi.Advice;
import io.hakmem.spi.OsException;
import io.hakmem.spi.PageFaults;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinuxOsMemoryTest {
    private final LinuxOsMemory os = LinuxOsMemory.create();
    private final MemorySegment memory = os.addressSpace(Arena.global());

    @Test
    void runsOnTheModulePathWithNativeAccess() {
        assertEquals("io.hakmem.ffm", LinuxOsMemory.class.getModule().getName());
        assertTrue(LinuxOsMemory.class.getModule().isNativeAccessEnabled());
    }

    @Test
    void reservesAddressSpaceAndCommitsPartsOfIt() {
        long reserved = 1L << 30;
        long alignment = 2L << 20;
        long address = os.reserve(reserved, alignment);
        assertEquals(0, address % alignment);
        long resident = os.residentBytes();
        os.commit(address + alignment, alignment);
        memory.set(ValueLayout.JAVA_LONG, address + alignment, 42);
        assertEquals(42, memory.get(ValueLayout.JAVA_LONG, address + alignment));
        assertTrue(os.residentBytes() - resident < reserved / 8, "a reservation costs no memory");
        assertTrue(counters().get("os.mprotect") >= 1);
        os.unmap(address, reserved);
    }

    @Test
    void mapsWritableZeroedMemoryAndCountsCalls() {
        long page = os.pageSize();
        assertTrue(page >= 4096 && Long.bitCount(page) == 1);
        long address = os.map(4 * page);
        assertEquals(0, address % page);
        assertEquals(0, memory.get(ValueLayout.JAVA_LONG, address + 3 * page));
        memory.set(ValueLayout.JAVA_LONG, address + 3 * page, 42);
        assertTrue(os.advise(address, 4 * page, Advice.DONTNEED));
        assertEquals(0, memory.get(ValueLayout.JAVA_LONG, address + 3 * page), "DONTNEED maps zero pages");
        os.unmap(address, 4 * page);
        Map<String, Long> counters = counters();
        assertEquals(1, counters.get("os.mmap"));
        assertEquals(1, counters.get("os.munmap"));
        assertEquals(1, counters.get("os.madvise"));
        assertEquals(0, counters.get("os.mapped-bytes"));
    }

    @Test
    void mapsAlignedRanges() {
        long alignment = 2L << 20;
        long address = os.mapAligned(3L << 20, alignment);
        assertEquals(0, address % alignment);
        memory.set(ValueLayout.JAVA_BYTE, address + (3L << 20) - 1, (byte) 1);
        os.unmap(address, 3L << 20);
        assertEquals(0, counters().get("os.mapped-bytes"), "head and tail were given back");
    }

    @Test
    void everyAdviceIsKnownOrRefusedCleanly() {
        long bytes = 4L << 20;
        long address = os.mapAligned(bytes, 2L << 20);
        for (Advice advice : Advice.values()) {
            os.advise(address, bytes, advice); // true, or false where this kernel lacks it
        }
        os.unmap(address, bytes);
    }

    @Test
    void failuresNameTheCallAndTheErrno() {
        OsException unaligned = assertThrows(OsException.class, () -> os.unmap(os.pageSize() + 1, 4096));
        assertTrue(unaligned.getMessage().contains("munmap(0x"), unaligned.getMessage());
        assertTrue(unaligned.getMessage().contains("EINVAL"), unaligned.getMessage());
        assertEquals(22, unaligned.errno());
        OsException unmapped = assertThrows(OsException.class, () -> os.advise(4096, 4096, Advice.FREE));
        assertTrue(unmapped.getMessage().contains("madvise(0x1000, 4096, MADV_FREE)"), unmapped.getMessage());
    }

    @Test
    void exhaustionIsAnOutOfMemoryErrorNamingTheSize() {
        long tooMuch = Overcommit.refusedBytes();
        OutOfMemoryError mapped = assertThrows(OutOfMemoryError.class, () -> os.map(tooMuch),
                () -> "vm.overcommit_memory = " + Overcommit.mode() + " promises to refuse " + tooMuch + " bytes");
        assertTrue(mapped.getMessage().contains("mmap of " + tooMuch + " bytes"), mapped.getMessage());
        OutOfMemoryError malloced = assertThrows(OutOfMemoryError.class, () -> os.malloc(tooMuch));
        assertTrue(malloced.getMessage().contains(String.valueOf(tooMuch)), malloced.getMessage());
        OutOfMemoryError aligned = assertThrows(OutOfMemoryError.class, () -> os.alignedAlloc(64, tooMuch));
        assertTrue(aligned.getMessage().contains(String.valueOf(tooMuch)), aligned.getMessage());
    }

    @Test
    void mallocFreeAndPosixMemalign() {
        long block = os.malloc(100);
        memory.set(ValueLayout.JAVA_LONG, block, 7);
        os.free(block, 100);
        long aligned = os.alignedAlloc(4096, 100);
        assertEquals(0, aligned % 4096);
        os.free(aligned, 100);
    }

    @Test
    void pageFaultsAndResidentSetAreRead() {
        PageFaults before = os.pageFaults();
        long bytes = 64 * os.pageSize();
        long address = os.map(bytes);
        for (long offset = 0; offset < bytes; offset += os.pageSize()) {
            memory.set(ValueLayout.JAVA_BYTE, address + offset, (byte) 1);
        }
        PageFaults after = os.pageFaults();
        assertTrue(after.minor() - before.minor() >= 64, before + " -> " + after);
        assertTrue(os.residentBytes() > bytes);
        os.unmap(address, bytes);
    }

    @Test
    void nativeMallocLibrariesBindByName() {
        MallocLibrary glibc = MallocLibrary.system();
        long block = glibc.malloc(64);
        assertNotEquals(0, block);
        glibc.free(block);
        assertTrue(MallocLibrary.load("libdoes-not-exist.so.9", "x_malloc", "x_free").isEmpty());
        assertTrue(MallocLibrary.load("libc.so.6", "no_such_malloc", "free").isEmpty(), "a missing symbol");
        // By name, as mimalloc and jemalloc are bound: the C library itself, which every Linux has.
        MallocLibrary libc = MallocLibrary.load("libc.so.6", "malloc", "free").orElseThrow();
        long byName = libc.malloc(64);
        assertNotEquals(0, byName);
        memory.set(ValueLayout.JAVA_LONG, byName + 56, 7);
        libc.free(byName);
    }

    private Map<String, Long> counters() {
        Map<String, Long> counters = new HashMap<>();
        os.report(counters::put);
        return counters;
    }
}
