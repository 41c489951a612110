package io.hakmem.arrow;

import io.hakmem.Hakmem;
import io.hakmem.HakmemStats;
import io.hakmem.Mode;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The manager and its factory under a root allocator of their own, on a BALANCED allocator. */
class HakmemAllocationManagerTest {
    private Hakmem hakmem;
    private HakmemAllocationManagerFactory factory;
    private RootAllocator arrow;

    @BeforeEach
    void open() {
        hakmem = Hakmem.create(Mode.BALANCED);
        factory = new HakmemAllocationManagerFactory(hakmem);
        arrow = HakmemArrow.rootAllocator(factory, Long.MAX_VALUE);
    }

    @AfterEach
    void close() {
        arrow.close();
        hakmem.close();
    }

    /** Sizes served by TinyPool, MidPool and the mapped path. */
    @ParameterizedTest
    @ValueSource(longs = {64, 1000, 64 * 1024, 4 * 1024 * 1024})
    void aBufferIsABlockOfSiteArrowAlignedTo64BytesAndFreedWithIt(long size) {
        try (ArrowBuf buffer = arrow.buffer(size)) {
            assertEquals(0, buffer.memoryAddress() % HakmemAllocationManagerFactory.ALIGNMENT);
            buffer.setLong(0, 1);
            buffer.setLong(buffer.capacity() - 8, 2);
            assertEquals(2, buffer.getLong(buffer.capacity() - 8));
            HakmemStats stats = hakmem.stats();
            assertEquals(1, stats.get("pinned-blocks"), stats::toString);
            assertEquals(1, stats.get("site.arrow.allocations"));
            assertEquals(arrow.getAllocatedMemory(), stats.get("site.arrow.bytes"),
                    "getSize() is the size asked of hakmem, which is what Arrow accounts");
            assertEquals(arrow.getAllocatedMemory(), factory.liveBytes());
        }
        assertEquals(0, hakmem.stats().get("pinned-blocks"), "closing the buffer freed the block");
        assertEquals(0, factory.liveManagers());
        assertEquals(1, factory.managersCreated());
    }

    @Test
    void anotherThreadMayReleaseTheLastReference() {
        ArrowBuf buffer = arrow.buffer(4096);
        buffer.setInt(0, 7);
        CompletableFuture.runAsync(buffer::close).join();
        assertEquals(0, hakmem.stats().get("pinned-blocks"));
        assertEquals(0, arrow.getAllocatedMemory());
    }

    @Test
    void aTransferredBufferIsFreedOnceByItsLastOwner() {
        try (BufferAllocator child = arrow.newChildAllocator("child", 0, Long.MAX_VALUE)) {
            ArrowBuf original = arrow.buffer(256);
            ArrowBuf moved = original.getReferenceManager().transferOwnership(original, child).getTransferredBuffer();
            original.close();
            assertEquals(1, hakmem.stats().get("pinned-blocks"), "the child still holds it");
            assertEquals(original.memoryAddress(), moved.memoryAddress());
            moved.close();
        }
        assertEquals(0, hakmem.stats().get("pinned-blocks"));
        assertEquals(1, factory.managersCreated(), "one block for both ledgers");
    }

    @Test
    void theEmptyBufferTakesNothingFromHakmem() {
        ArrowBuf empty = arrow.buffer(0);
        assertSame(factory.empty(), empty);
        assertEquals(0, empty.capacity());
        empty.close();
        assertEquals(0, factory.managersCreated());
        assertEquals(0, hakmem.stats().get("pinned-blocks"));
    }

    @Test
    void aClosedAllocatorRefusesNewBuffersAndArrowsAccountingStaysExact() {
        hakmem.close();
        assertThrows(IllegalStateException.class, () -> arrow.buffer(100));
        assertEquals(0, arrow.getAllocatedMemory(), "the refused buffer's reservation was given back");
        assertEquals(0, factory.managersCreated());
    }
}
