package io.hakmem.netty;

import io.hakmem.Hakmem;
import io.hakmem.Mode;
import io.netty.buffer.ByteBuf;
import io.netty.util.internal.PlatformDependent;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The guard against a run that skipped what it meant to cover: the build runs these tests twice, without and with
 * {@code --sun-misc-unsafe-memory-access=allow}, and Netty's Unsafe-only classes skip themselves silently when
 * Netty decided against Unsafe.
 */
class UnsafeAsExpectedTest {

    @Test
    void directBuffersUseUnsafeExactlyWhenThisRunMeansThemTo() {
        boolean expected = Boolean.parseBoolean(System.getProperty("netty-test.expect-unsafe"));
        assertEquals(expected, PlatformDependent.hasUnsafe(),
                () -> "Netty's use of Unsafe in this run: " + PlatformDependent.getUnsafeUnavailabilityCause());
        try (Hakmem hakmem = Hakmem.create(Mode.BALANCED)) {
            ByteBuf buffer = new HakmemByteBufAllocator(hakmem).directBuffer(64);
            ByteBuf unwrapped = buffer.unwrap() == null ? buffer : buffer.unwrap(); // Netty's leak tracker wraps some
            assertEquals(expected ? HakmemUnsafeDirectByteBuf.class : HakmemDirectByteBuf.class, unwrapped.getClass());
            buffer.release();
        }
    }
}
