package io.hakmem.netty;

import io.hakmem.Hakmem;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.LittleEndianDirectByteBufTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Netty's buffer contract, little-endian, on the direct buffer without {@code Unsafe}, whatever the JVM allows. */
class HakmemLittleEndianDirectByteBufTest extends LittleEndianDirectByteBufTest {
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
    protected ByteBuf newDirectBuffer(int length, int maxCapacity) {
        return alloc.newPlainDirectBuffer(length, maxCapacity);
    }
}
