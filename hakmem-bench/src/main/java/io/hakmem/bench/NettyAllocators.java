package io.hakmem.bench;

import io.hakmem.Hakmem;
import io.hakmem.netty.HakmemByteBufAllocator;
import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.internal.PlatformDependent;

/**
 * The {@code ByteBufAllocator}s the Netty benchmarks compare: {@code hakmem-<mode>} (hakmem-netty), and Netty 4.2's
 * own with their defaults: {@code netty-pooled} ({@code PooledByteBufAllocator.DEFAULT}), {@code netty-adaptive}
 * (a new {@code AdaptiveByteBufAllocator}, 4.2's default type) and {@code netty-unpooled}
 * ({@code UnpooledByteBufAllocator.DEFAULT}).
 */
final class NettyAllocators implements AutoCloseable {
    static final String POOLED = "netty-pooled";
    static final String ADAPTIVE = "netty-adaptive";
    static final String UNPOOLED = "netty-unpooled";

    final ByteBufAllocator alloc;
    private final String name;
    /** The allocator under hakmem's, or null. */
    private final Hakmem hakmem;

    private NettyAllocators(String name, ByteBufAllocator alloc, Hakmem hakmem) {
        this.name = name;
        this.alloc = alloc;
        this.hakmem = hakmem;
    }

    static NettyAllocators open(String allocator) {
        if (allocator.startsWith(HakmemPeer.PREFIX)) {
            Hakmem hakmem = HakmemPeer.create(allocator);
            return new NettyAllocators(allocator, new HakmemByteBufAllocator(hakmem), hakmem);
        }
        ByteBufAllocator alloc = switch (allocator) {
            case POOLED -> PooledByteBufAllocator.DEFAULT;
            case ADAPTIVE -> new AdaptiveByteBufAllocator();
            case UNPOOLED -> UnpooledByteBufAllocator.DEFAULT;
            default -> throw new IllegalArgumentException("Unknown Netty allocator '" + allocator + "'; one of "
                    + "hakmem-<mode>, " + POOLED + ", " + ADAPTIVE + ", " + UNPOOLED);
        };
        return new NettyAllocators(allocator, alloc, null);
    }

    /** {@code netty-info allocator=... buffer=... hasUnsafe=... default=... [hakmem counters]} */
    String report() {
        ByteBuf probe = alloc.directBuffer(64);
        String buffer = (probe.unwrap() == null ? probe : probe.unwrap()).getClass().getSimpleName();
        probe.release();
        return "netty-info allocator=" + name + " buffer=" + buffer + " hasUnsafe=" + PlatformDependent.hasUnsafe()
                + " nettyDefault=" + ByteBufAllocator.DEFAULT.getClass().getSimpleName()
                + (hakmem == null ? "" : " " + IntegrationReport.hakmem(hakmem, HakmemByteBufAllocator.SITE));
    }

    @Override
    public void close() {
        if (hakmem != null) {
            hakmem.close();
        }
    }
}
