package io.hakmem.bench;

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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the scenarios share: the peer chosen by {@code -p allocator=...}, opened once per trial (one trial
 * per fork), and a report at the end of the trial: the peer's own line ({@code hakmem-counters}: which
 * path served the blocks, OS calls, minor faults; {@code netty-info}: how Netty set itself up), then a
 * {@code peer-faults} line for every peer; these cover the whole trial, warmup included. Then a
 * {@code measured} line covering the measurement iterations only (steady state): operations, minor faults
 * per operation (process-wide, from getrusage's figure) and, for hakmem, how the counters moved (BigCache
 * hit rate, system calls). Counters are read between iterations, never inside the measured time.
 *
 * <p>Each fork runs one {@code allocator} value, so every call site sees a single {@link BenchAllocator} class.
 * The defaults are the presets the issues' targets name and every peer; {@link Compare} runs every peer that
 * can run here by itself, and {@code -p allocator=} takes any other preset or ablation. A value that cannot run here
 * (mimalloc not installed) fails its own fork from {@link #openPeer()} with a {@code skipped: ...}
 * message; JMH then goes on with the other forks, but {@link Compare} does not start such a fork at all.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public abstract class AllocatorBenchmark {

    @Param({"hakmem-minimal", "hakmem-fast", "hakmem-balanced", "glibc", "mimalloc", "arena", "netty"})
    public String allocator;

    /** The vm scenario writes one byte per this many bytes: one per base page on x86-64 Linux. */
    static final long PAGE_SIZE = 4096;

    protected BenchAllocator peer;
    private long minorFaultsAtStart;
    /** Operations run so far, for the scenarios that count them (0: use the peer's allocation counter). */
    protected long operations;
    private Window window;

    @Setup(Level.Trial)
    public void openPeer() {
        minorFaultsAtStart = ProcessFaults.minor();
        peer = Peers.open(allocator);
    }

    @TearDown(Level.Trial)
    public void closePeer(BenchmarkParams params) {
        freeBlocksStillHeld();
        closeAndReport(peer, allocator, minorFaultsAtStart, params);
    }

    /**
     * Frees what a scenario keeps live across operations. Called by {@link #closePeer} before the peer closes:
     * JMH runs a class's trial tear-downs in no set order, so a tear-down of the subclass's own could come after.
     */
    protected void freeBlocksStillHeld() {
    }

    /** Prints the peer's report and the trial's minor faults, then closes the peer. */
    static void closeAndReport(BenchAllocator peer, String allocator, long minorFaultsAtStart, BenchmarkParams params) {
        long faults = ProcessFaults.minor() - minorFaultsAtStart;
        String size = params.getParamsKeys().contains("size") ? params.getParam("size") : "n/a";
        String where = " benchmark=" + scenario(params) + " size=" + size;
        String report = peer.report();
        System.out.println();
        if (!report.isEmpty()) {
            System.out.println(report + where);
        }
        System.out.println("peer-faults allocator=" + allocator + where + " minor-faults=" + faults
                + " (process-wide, whole trial)");
        peer.close();
    }

    /** {@code TinyHotBenchmark.allocateWriteFree} of {@code io.hakmem.bench.TinyHotBenchmark.allocateWriteFree}. */
    private static String scenario(BenchmarkParams params) {
        String benchmark = params.getBenchmark();
        return benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
    }

    @Setup(Level.Iteration)
    public void startIteration(IterationParams iteration) {
        if (iteration.getType() == IterationType.MEASUREMENT && window == null) {
            window = new Window(ProcessFaults.minor(), operations, peer.counters());
        }
    }

    @TearDown(Level.Iteration)
    public void endIteration(IterationParams iteration) {
        if (iteration.getType() == IterationType.MEASUREMENT && window != null) {
            window.faultsAtEnd = ProcessFaults.minor();
            window.operationsAtEnd = operations;
            window.countersAtEnd = peer.counters();
        }
    }

    /**
     * The {@code measured} line, from the snapshots the iteration hooks took: it does not matter whether JMH
     * runs this before or after {@link #closePeer}.
     */
    @TearDown(Level.Trial)
    public void reportMeasurement(BenchmarkParams params) {
        if (window == null || window.countersAtEnd == null) {
            return;
        }
        StringBuilder where = new StringBuilder(" benchmark=").append(scenario(params));
        for (String key : params.getParamsKeys()) {
            if (!key.equals("allocator")) {
                where.append(' ').append(key).append('=').append(params.getParam(key));
            }
        }
        System.out.println("measured allocator=" + allocator + window.describe(peer) + where);
    }

    /** The measurement iterations: where faults, operations and counters stood when they began and ended. */
    private static final class Window {
        final long faults;
        final long operations;
        final Map<String, Long> counters;
        long faultsAtEnd;
        long operationsAtEnd;
        Map<String, Long> countersAtEnd;

        Window(long faults, long operations, Map<String, Long> counters) {
            this.faults = faults;
            this.operations = operations;
            this.counters = counters;
        }

        /** {@code operations=... minor-faults=... minor-faults/op=... [the peer's deltas]} */
        String describe(BenchAllocator peer) {
            long faultsDelta = faultsAtEnd - faults;
            long done = operationsAtEnd - operations;
            if (done == 0) {
                done = countersAtEnd.getOrDefault("allocations", 0L) - counters.getOrDefault("allocations", 0L);
            }
            String perOperation = done == 0 ? "n/a" : String.format(Locale.ROOT, "%.4f", (double) faultsDelta / done);
            String deltas = peer.measured(counters, countersAtEnd);
            return " operations=" + done + " minor-faults=" + faultsDelta + " minor-faults/op=" + perOperation
                    + (deltas.isEmpty() ? "" : " " + deltas) + " (measurement iterations only)";
        }
    }
}
