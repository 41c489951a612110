package io.hakmem.netty;

import io.hakmem.Hakmem;
import io.netty.buffer.BigEndianUnsafeDirectByteBufTest;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Netty's buffer contract, big-endian, on the {@code Unsafe} direct buffer. Netty's class skips itself when Netty
 * may not use {@code Unsafe} (JDK 25's default); the build's second run allows it.
 */
class HakmemBigEndianUnsafeDirectByteBufTest extends BigEndianUnsafeDirectByteBufTest {
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

    @Override
    protected ByteBuf newBuffer(int length, int maxCapacity) {
        return alloc.newUnsafeDirectBuffer(length, maxCapacity);
    }
}
