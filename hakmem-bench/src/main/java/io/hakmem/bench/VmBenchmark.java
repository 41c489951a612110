package io.hakmem.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Scenario vm: a 2 MiB block, allocated, touched (one byte per 4 KiB page) and freed, over and over. Above
 * hakmem's large threshold (256 KiB), so MINIMAL maps it: mmap, 512 page faults, munmap, every time.
 * The peers that keep freed memory (glibc's heap after it raises its mmap threshold, mimalloc,
 * Netty's chunks) fault nothing after the first rounds.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class VmBenchmark extends AllocatorBenchmark {

    @Param({"2097152"})
    public long size;

    @Benchmark
    public long allocateTouchFree() {
        return peer.allocateTouchFree(size, PAGE_SIZE);
    }
}
