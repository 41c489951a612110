package io.hakmem.netty;

import io.hakmem.Hakmem;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.LittleEndianUnsafeDirectByteBufTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.nio.ByteOrder;

/**
 * Netty's buffer contract, little-endian, on the {@code Unsafe} direct buffer. Netty's class skips itself when
 * Netty may not use {@code Unsafe} (JDK 25's default); the build's second run allows it.
 */
class HakmemLittleEndianUnsafeDirectByteBufTest extends LittleEndianUnsafeDirectByteBufTest {
    private static Hakmem hakmem;
    private static HakmemByteBufAllocator alloc;

    @BeforeAll
    static void open() {
        hakmem = SuiteAllocator.open();
        alloc = new HakmemByteBufAllocator(hakmem);
    }

    @AfterAll
    static void close() {
        SuiteAllocator.checkAndClose(hakmem);
    }

    /** Netty's class builds its buffer here, bypassing the order its parent sets: set it again. */
    @Override
    @SuppressWarnings("deprecation") // ByteBuf.order: what Netty's little-endian tests use
    protected ByteBuf newBuffer(int length, int maxCapacity) {
        return alloc.newUnsafeDirectBuffer(length, maxCapacity).order(ByteOrder.LITTLE_ENDIAN);
    }
}
