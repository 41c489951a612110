package io.hakmem.netty;

import io.hakmem.Hakmem;
import io.hakmem.HakmemStats;
import io.hakmem.Mode;
import io.netty.buffer.ByteBuf;
import io.netty.util.internal.PlatformDependent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Where a direct buffer's memory comes from and goes back to, on both variants. */
class DirectBuffersTest {
    private Hakmem hakmem;
    private HakmemByteBufAllocator alloc;

    @BeforeEach
    void open() {
        hakmem = Hakmem.create(Mode.BALANCED);
        alloc = new HakmemByteBufAllocator(hakmem);
    }

    @AfterEach
    void close() {
        hakmem.close();
    }

    private ByteBuf newBuffer(boolean unsafe, int capacity, int maxCapacity) {
        return unsafe ? alloc.newUnsafeDirectBuffer(capacity, maxCapacity)
                : alloc.newPlainDirectBuffer(capacity, maxCapacity);
    }

    private long pinned() {
        return hakmem.stats().get("pinned-blocks");
    }

    @Test
    void aDirectBufferIsABlockOfSiteNettyAtItsMemoryAddress() {
        ByteBuf buffer = alloc.directBuffer(8192);
        buffer.writeLong(42);
        HakmemStats stats = hakmem.stats();
        assertEquals(1, stats.get("site.netty.allocations"));
        assertEquals(8192, stats.get("site.netty.bytes"));
        assertEquals(1, stats.get("pinned-blocks"));
        assertTrue(buffer.hasMemoryAddress());
        assertEquals(0, buffer.memoryAddress() % HakmemByteBufAllocator.ALIGNMENT);
        assertEquals(8192, alloc.metric().usedDirectMemory());
        assertTrue(buffer.release());
        assertEquals(0, pinned());
        assertEquals(0, alloc.metric().usedDirectMemory());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aResizeCopiesIntoANewBlockAndFreesTheOldOne(boolean unsafe) {
        assumeTrue(!unsafe || PlatformDependent.hasUnsafe(), "the Unsafe variant needs Unsafe: the build's second run");
        ByteBuf buffer = newBuffer(unsafe, 256, 1 << 20);
        buffer.writeLong(7).writeLong(8);
        long first = buffer.memoryAddress();
        buffer.capacity(64 * 1024);
        assertEquals(1, pinned(), "the block it was built over is freed once copied");
        assertFalse(first == buffer.memoryAddress());
        assertEquals(7, buffer.readLong());
        assertEquals(8, buffer.readLong());
        buffer.capacity(4096);
        assertEquals(1, pinned());
        assertEquals(4096, alloc.metric().usedDirectMemory());
        buffer.release();
        assertEquals(0, pinned());
        assertEquals(0, alloc.metric().usedDirectMemory());
    }

    @Test
    void anotherThreadMayRelease() {
        ByteBuf buffer = alloc.directBuffer(65536);
        buffer.writeInt(1);
        assertTrue(CompletableFuture.supplyAsync(buffer::release).join());
        assertEquals(0, pinned());
    }

    @Test
    void buffersStayUsableAfterTheAllocatorClosesAndAreReleasedAfterIt() {
        ByteBuf small = alloc.directBuffer(256);
        ByteBuf mid = alloc.directBuffer(64 * 1024);
        ByteBuf large = alloc.directBuffer(4 * 1024 * 1024);
        small.setLong(248, 1);
        mid.setLong(64 * 1024 - 8, 2);
        large.setLong(4 * 1024 * 1024 - 8, 3);
        assertEquals(3, pinned());

        hakmem.close();

        assertEquals(1, small.getLong(248));
        assertEquals(2, mid.getLong(64 * 1024 - 8));
        large.setLong(0, 4); // still mapped, still ours
        assertEquals(4, large.getLong(0));
        assertEquals(3, large.getLong(4 * 1024 * 1024 - 8));
        assertThrows(IllegalStateException.class, () -> alloc.directBuffer(64), "no new direct buffer after close");
        assertTrue(small.release());
        assertTrue(CompletableFuture.supplyAsync(mid::release).join());
        assertTrue(large.release());
        assertEquals(0, alloc.metric().usedDirectMemory());
        ByteBuf heap = alloc.heapBuffer(64); // heap buffers do not need hakmem
        heap.writeLong(5);
        heap.release();
    }
}
