package io.hakmem.netty;

import io.hakmem.Hakmem;
import io.netty.buffer.AbstractByteBufAllocatorTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/** Netty's allocator contract ({@code AbstractByteBufAllocatorTest}, from Netty's tests jar) on hakmem. */
class HakmemByteBufAllocatorContractTest extends AbstractByteBufAllocatorTest<HakmemByteBufAllocator> {
    private static Hakmem hakmem;

    @BeforeAll
    static void open() {
        hakmem = SuiteAllocator.open();
    }

    @AfterAll
    static void close() {
        SuiteAllocator.checkAndClose(hakmem);
    }

    @Override
    protected HakmemByteBufAllocator newAllocator(boolean preferDirect) {
        return new HakmemByteBufAllocator(hakmem, HakmemByteBufAllocator.SITE, preferDirect);
    }

    @Override
    protected HakmemByteBufAllocator newUnpooledAllocator() {
        return new HakmemByteBufAllocator(hakmem, HakmemByteBufAllocator.SITE, false);
    }

    @Test
    @Disabled("Heap buffers are Netty's unpooled ones: a new array each, so heap chunks are never reused; Netty "
            + "disables this test for its own unpooled allocator for the same reason")
    @Override
    public void shouldReuseChunks() {
    }
}
