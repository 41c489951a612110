package io.hakmem.arrow;

import io.hakmem.Hakmem;
import io.hakmem.Mode;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Closing the {@code Hakmem} while Arrow buffers are live: Arrow reads and writes them by raw address, so their
 * memory must stay mapped until Arrow releases them, and the release must work on the closed allocator.
 */
class CloseWhileBuffersLiveTest {
    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;

    private static void fill(ArrowBuf buffer, long seed) {
        for (long at = 0; at + 8 <= buffer.capacity(); at += 4096) {
            buffer.setLong(at, seed + at);
        }
        buffer.setLong(buffer.capacity() - 8, seed);
    }

    private static void check(ArrowBuf buffer, long seed) {
        for (long at = 0; at + 8 < buffer.capacity() - 8; at += 4096) {
            assertEquals(seed + at, buffer.getLong(at), "at " + at);
        }
        assertEquals(seed, buffer.getLong(buffer.capacity() - 8));
    }

    @Test
    void buffersOfEveryTierStayUsableAfterCloseAndAreReleasedAfterIt() {
        Hakmem hakmem = Hakmem.create(Mode.BALANCED);
        HakmemAllocationManagerFactory factory = new HakmemAllocationManagerFactory(hakmem);
        RootAllocator arrow = HakmemArrow.rootAllocator(factory, Long.MAX_VALUE);
        ArrowBuf small = arrow.buffer(64);
        ArrowBuf mid = arrow.buffer(64 * KIB);
        ArrowBuf large = arrow.buffer(8 * MIB);
        fill(small, 1);
        fill(mid, 2);
        fill(large, 3);
        assertEquals(3, hakmem.stats().get("pinned-blocks"));

        hakmem.close();

        check(small, 1);
        check(mid, 2);
        check(large, 3);
        fill(large, 4); // writes too: the pages are still mapped and ours
        check(large, 4);
        small.close();
        CompletableFuture.runAsync(mid::close).join(); // from another thread, after close
        large.close();
        assertEquals(0, factory.liveManagers());
        assertEquals(0, arrow.getAllocatedMemory());
        arrow.close(); // no leak for Arrow either
    }

    @Test
    void vectorsFilledBeforeCloseAreReadAfterIt() {
        Hakmem hakmem = Hakmem.create(Mode.FAST);
        try (RootAllocator arrow = HakmemArrow.rootAllocator(hakmem, Long.MAX_VALUE);
             IntVector ints = new IntVector("ints", arrow);
             VarCharVector strings = new VarCharVector("strings", arrow)) {
            int count = 100_000;
            ints.allocateNew(count);
            strings.allocateNew(count);
            for (int i = 0; i < count; i++) {
                ints.set(i, i);
                strings.setSafe(i, ("value-" + i).getBytes(StandardCharsets.UTF_8));
            }
            ints.setValueCount(count);
            strings.setValueCount(count);

            hakmem.close();

            long sum = 0;
            for (int i = 0; i < count; i++) {
                sum += ints.get(i);
            }
            assertEquals((long) count * (count - 1) / 2, sum);
            assertEquals("value-99999", new String(strings.get(count - 1), StandardCharsets.UTF_8));
        }
    }
}
