package io.hakmem.bench;

import org.openjdk.jmh.annotations.CompilerControl;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.Version;
import io.netty.util.internal.PlatformDependent;

/**
 * Netty's pooled allocator, the usual off-heap pool of Java servers:
 * {@code PooledByteBufAllocator.DEFAULT.directBuffer(size)}, then {@code release()}. Defaults untouched.
 */
final class NettyPeer implements BenchAllocator {
    private static final PooledByteBufAllocator NETTY = PooledByteBufAllocator.DEFAULT;

    @Override
    public String name() {
        return "netty";
    }

    @Override
    @CompilerControl(CompilerControl.Mode.INLINE) // every peer inlined into the loop alike
    public long allocateWriteFree(long size) {
        ByteBuf buffer = NETTY.directBuffer((int) size);
        try {
            buffer.setLong(0, size);
            return buffer.hasMemoryAddress() ? buffer.memoryAddress() : 0;
        } finally {
            buffer.release();
        }
    }

    @Override
    @CompilerControl(CompilerControl.Mode.INLINE)
    public long allocateTouchFree(long size, long pageSize) {
        ByteBuf buffer = NETTY.directBuffer((int) size);
        try {
            for (int offset = 0; offset < size; offset += (int) pageSize) {
                buffer.setByte(offset, 1);
            }
            return buffer.hasMemoryAddress() ? buffer.memoryAddress() : 0;
        } finally {
            buffer.release();
        }
    }

    @Override
    public BlockSlots slots(int count) {
        ByteBuf[] buffers = new ByteBuf[count];
        return new BlockSlots() {
            @Override
            public void allocate(int slot, long size) {
                ByteBuf buffer = NETTY.directBuffer((int) size);
                buffer.setLong(0, size);
                buffers[slot] = buffer;
            }

            @Override
            public void free(int slot) {
                buffers[slot].release();
                buffers[slot] = null;
            }

            @Override
            public void touch(int slot, long size, long pageSize) {
                ByteBuf buffer = buffers[slot];
                for (int offset = 0; offset < size; offset += (int) pageSize) {
                    buffer.setByte(offset, 1);
                }
            }
        };
    }

    /** How Netty set itself up on this JDK: which buffer class, whether it uses Unsafe and thread caches. */
    @Override
    public String report() {
        ByteBuf probe = NETTY.directBuffer(64);
        String bufferClass = probe.getClass().getSimpleName();
        probe.release();
        String version = Version.identify().getOrDefault("netty-buffer", null) instanceof Version v
                ? v.artifactVersion() : "?";
        return "netty-info netty-buffer=" + version
                + " buffer=" + bufferClass
                + " hasUnsafe=" + PlatformDependent.hasUnsafe()
                + " useCacheForAllThreads=" + PooledByteBufAllocator.defaultUseCacheForAllThreads()
                + " threadCache=" + NETTY.metric().numThreadLocalCaches()
                + " chunkSize=" + NETTY.metric().chunkSize();
    }
}
