package io.hakmem.bench;

import io.hakmem.HakmemStats;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What recording costs: tiny-hot ({@link TinyHotBenchmark}'s loop) with {@code hakmem.trace.out} set, in a fork of
 * its own, beside the same loop without it in the same run. Each trial prints a {@code trace-counters} line (events
 * recorded and dropped, bytes written) and deletes its trace. The preset is {@code preset}, not {@code allocator},
 * so that {@link Compare}'s list of peers leaves it alone: only hakmem records.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TinyHotRecordingBenchmark {
    private static final String TRACE = "/tmp/hakmem-jmh-tiny-hot-%p.hktrace";

    @Param({"hakmem-balanced"})
    public String preset;

    @Param({"64"})
    public long size;

    private HakmemPeer peer;

    @Setup(Level.Trial)
    public void open() {
        peer = HakmemPeer.open(preset);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        HakmemStats stats = peer.hakmem.stats();
        peer.close();
        String out = System.getProperty("hakmem.trace.out");
        if (out != null) {
            Path trace = Path.of(out.replace("%p", String.valueOf(ProcessHandle.current().pid())));
            System.out.println();
            System.out.println("trace-counters preset=" + preset + " events=" + stats.get("trace.events")
                    + " dropped=" + stats.get("trace.dropped") + " bytes=" + Files.size(trace));
            Files.delete(trace);
        }
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
    public long recordingOff() {
        return peer.allocateWriteFree(size);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dhakmem.trace.out=" + TRACE})
    public long recordingOn() {
        return peer.allocateWriteFree(size);
    }
}
