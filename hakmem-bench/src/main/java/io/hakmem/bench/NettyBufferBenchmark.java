package io.hakmem.bench;

import io.netty.buffer.ByteBuf;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Netty direct buffers on one thread: allocate, write a {@code long} at each end, release. The JVM flags are JDK 25's
 * defaults for Netty (no {@code Unsafe}), with native access granted as the other benchmarks grant it.
 * {@code backend}: {@code hakmem-<mode>}, {@code netty-pooled}, {@code netty-adaptive}, {@code netty-unpooled} (not
 * {@code allocator}, which {@link Compare} fills with the other benchmarks' peers).
 * {@link NettyCrossThreadBenchmark} releases on another thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class NettyBufferBenchmark {

    @Param({"hakmem-fast", "hakmem-balanced", NettyAllocators.POOLED, NettyAllocators.ADAPTIVE,
            NettyAllocators.UNPOOLED})
    public String backend;

    @Param({"256", "8192", "65536"})
    public int size;

    private NettyAllocators netty;

    @Setup(Level.Trial)
    public void open() {
        netty = NettyAllocators.open(backend);
    }

    @TearDown(Level.Trial)
    public void close() {
        System.out.println();
        System.out.println(netty.report() + " size=" + size);
        netty.close();
    }

    @Benchmark
    public long allocateWriteRelease() {
        ByteBuf buffer = netty.alloc.directBuffer(size);
        try {
            buffer.setLong(0, size);
            buffer.setLong(size - Long.BYTES, size);
            return buffer.getLong(size - Long.BYTES);
        } finally {
            buffer.release();
        }
    }
}
