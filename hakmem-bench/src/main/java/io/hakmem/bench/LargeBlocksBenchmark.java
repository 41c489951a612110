package io.hakmem.bench;

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
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The seed's large-block scenarios: one operation allocates a block, writes one byte per 4 KiB page (so a
 * fresh mapping faults every page in) and frees it. json 64 KiB, mir 256 KiB, vm 2 MiB, and mixed (the
 * three in turn, one per operation). hakmem maps blocks at or above 256 KiB (mir, vm); MINIMAL pays mmap,
 * a fault per page and munmap every time, BigCache (FAST, BALANCED, ...) keeps them mapped. glibc keeps
 * freed memory in its heap once it has raised its mmap threshold; the arena zeroes every block.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class LargeBlocksBenchmark extends AllocatorBenchmark {

    @Param({"json", "mir", "vm", "mixed"})
    public String scenario;

    private long[] sizes;
    private int next;

    @Setup(Level.Trial)
    public void chooseSizes() {
        sizes = switch (scenario) {
            case "json" -> new long[] {64 << 10};
            case "mir" -> new long[] {256 << 10};
            case "vm" -> new long[] {2 << 20};
            case "mixed" -> new long[] {64 << 10, 256 << 10, 2 << 20};
            default -> throw new IllegalArgumentException("Unknown scenario '" + scenario + "'; json, mir, vm or mixed");
        };
    }

    @Benchmark
    public long allocateTouchFree() {
        long[] all = sizes;
        int i = next;
        next = i + 1 == all.length ? 0 : i + 1;
        operations++;
        return peer.allocateTouchFree(all[i], PAGE_SIZE);
    }
}
