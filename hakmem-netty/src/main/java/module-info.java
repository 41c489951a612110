/**
 * A Netty {@code ByteBufAllocator} whose direct buffers are hakmem blocks:
 * {@link io.hakmem.netty.HakmemByteBufAllocator}.
 *
 * <p>A direct buffer's {@code ByteBuffer} is made over its block with {@code MemorySegment.reinterpret}, a
 * restricted method: run with {@code --enable-native-access=io.hakmem.netty} (on the class path,
 * {@code ALL-UNNAMED}).
 */
module io.hakmem.netty {
    requires transitive io.hakmem;
    requires transitive io.netty.buffer;
    requires io.netty.common;

    exports io.hakmem.netty;
}
