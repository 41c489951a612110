package io.hakmem.batch;

import io.hakmem.ffm.LinuxOsMemory;
import io.hakmem.spi.OsMemory;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import static io.hakmem.batch.Batches.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The batch over the real OS: a discarded range's pages really go, a trimmed block is really unmapped. */
class RealMemoryTest {
    private final OsMemory os = LinuxOsMemory.create();

    private BatchReclaimer batch(String overrides) {
        return new BatchReclaimer(os, BatchSettings.from(Batches.config(overrides)), System::nanoTime);
    }

    @Test
    void aDiscardedRangeIsReleasedThenHandedBackZeroAndStillMapped() {
        long bytes = 64 * MIB;
        long address = os.map(bytes);
        try (Arena scope = Arena.ofConfined()) {
            MemorySegment range = os.addressSpace(scope).asSlice(address, bytes);
            range.fill((byte) 0x5A);
            long residentBefore = os.residentBytes();
            BatchReclaimer batch = batch("hakmem.batch.flush-bytes = 1g"); // released by trim, not by a flush
            AtomicLong handedBack = new AtomicLong();
            batch.discard(address, bytes, (start, length) -> {
                assertEquals(address, start);
                assertEquals(bytes, length);
                handedBack.set(start);
            });
            assertEquals(0x5A, range.get(ValueLayout.JAVA_BYTE, bytes - 1), "untouched until the flush");
            batch.trim(0);
            assertEquals(address, handedBack.get());
            long residentAfter = os.residentBytes();
            assertTrue(residentBefore - residentAfter >= bytes / 2,
                    "resident set dropped by " + (residentBefore - residentAfter) + " bytes");
            for (long offset = 0; offset < bytes; offset += 4096) {
                assertEquals(0, range.get(ValueLayout.JAVA_BYTE, offset), "MADV_DONTNEED leaves zero pages");
            }
            range.set(ValueLayout.JAVA_BYTE, 0, (byte) 1); // still mapped: the owner may use it again
            batch.close();
        } finally {
            os.unmap(address, bytes);
        }
    }

    @Test
    void trimUnmapsBlocksSoMappedBytesDrop() {
        BatchReclaimer batch = batch("hakmem.batch.flush-blocks = 2");
        long before = mappedBytes();
        for (int i = 0; i < 4; i++) {
            long block = os.map(2 * MIB);
            os.addressSpace(Arena.global()).asSlice(block, 2 * MIB).fill((byte) i);
            batch.offer(block, 2 * MIB);
        }
        assertEquals(before + 8 * MIB, mappedBytes(), "the batch took them and keeps them mapped");
        long reused = batch.reuse(2 * MIB);
        assertTrue(reused != 0);
        os.addressSpace(Arena.global()).asSlice(reused, 2 * MIB).fill((byte) 7); // a reused block is writable
        batch.offer(reused, 2 * MIB);
        batch.trim(0);
        assertEquals(before, mappedBytes());
        batch.close();
    }

    private long mappedBytes() {
        Map<String, Long> counters = new TreeMap<>();
        os.report(counters::put);
        return counters.get("os.mapped-bytes");
    }
}
