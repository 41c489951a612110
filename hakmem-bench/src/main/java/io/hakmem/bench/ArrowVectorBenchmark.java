package io.hakmem.bench;

import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
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

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Arrow's vectors on each backend: allocate, fill and close an {@code IntVector} of 1 M values (4 MB of data plus
 * its validity bitmap) and a {@code VarCharVector} of 100 k strings of 12 bytes (offsets, data, validity). What a
 * query engine does per batch; Arrow rounds each buffer up to a power of two before the backend sees it.
 *
 * <p>{@code backend} (not {@code allocator}, which {@link Compare} fills with the other benchmarks' peers):
 * {@code hakmem-<mode>}, {@code arrow-unsafe}, {@code arrow-netty}. A backend that does not start
 * on this JDK fails its own fork with a {@code skipped: ...} message naming the error; JMH goes on with the others.
 * Every fork runs with {@code --sun-misc-unsafe-memory-access=allow}: Arrow 19 reads memory through
 * {@code sun.misc.Unsafe} whatever the backend, and arrow-netty needs Netty's Unsafe buffers (without it, its first
 * allocation fails with a {@code ClassCastException}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Darrow.allocation.manager.type=Unsafe",
        "-Dio.netty.tryReflectionSetAccessible=true"})
public class ArrowVectorBenchmark {
    static final int INT_VALUES = 1_000_000;
    static final int STRINGS = 100_000;

    @Param({"hakmem-fast", "hakmem-balanced", ArrowAllocators.UNSAFE, ArrowAllocators.NETTY})
    public String backend;

    private ArrowAllocators arrow;
    private byte[][] strings;
    private int stringBytes;

    @Setup(Level.Trial)
    public void open() {
        strings = new byte[STRINGS][];
        for (int i = 0; i < STRINGS; i++) {
            strings[i] = String.format("string-%05d", i).getBytes(StandardCharsets.UTF_8);
            stringBytes += strings[i].length;
        }
        try {
            arrow = ArrowAllocators.open(backend);
        } catch (IllegalStateException e) {
            System.out.println(e.getMessage()); // the skipped line, before JMH's stack trace
            throw e;
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        System.out.println();
        System.out.println(arrow.report());
        arrow.close();
    }

    @Benchmark
    public long intVector() {
        try (IntVector vector = new IntVector("ints", arrow.root)) {
            vector.allocateNew(INT_VALUES);
            for (int i = 0; i < INT_VALUES; i++) {
                vector.set(i, i);
            }
            vector.setValueCount(INT_VALUES);
            return vector.getDataBufferAddress();
        }
    }

    @Benchmark
    public long varCharVector() {
        try (VarCharVector vector = new VarCharVector("strings", arrow.root)) {
            vector.allocateNew(stringBytes, STRINGS);
            for (int i = 0; i < STRINGS; i++) {
                vector.set(i, strings[i]);
            }
            vector.setValueCount(STRINGS);
            return vector.getDataBufferAddress();
        }
    }
}
