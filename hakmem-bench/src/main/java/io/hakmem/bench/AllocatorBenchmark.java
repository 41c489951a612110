package io.hakmem.bench;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * What the scenarios share: the peer chosen by {@code -p allocator=...}, opened once per trial (one trial
 * per fork), and a report at the end of the trial: the peer's own line ({@code hakmem-counters}: which
 * path served the blocks, OS calls, minor faults; {@code netty-info}: how Netty set itself up), then a
 * {@code peer-faults} line for every peer. All cover the whole trial, warmup included.
 *
 * <p>The default {@code allocator} values are the peers that run on this build today. Each fork runs one
 * value, so every call site sees a single {@link BenchAllocator} class. To add a preset once its feature
 * modules have landed, add {@code hakmem-fast}, {@code hakmem-balanced}, ... below, or run through
 * {@link Compare}, which finds every peer that can run here by itself. A value that cannot run here
 * (mimalloc not installed) fails its own fork from {@link #openPeer()} with a {@code skipped: ...}
 * message; JMH then goes on with the other forks, but {@link Compare} does not start such a fork at all.
 */
@State(Scope.Thread)
public abstract class AllocatorBenchmark {

    @Param({"hakmem-minimal", "glibc", "mimalloc", "arena", "netty"})
    public String allocator;

    /** The vm scenario writes one byte per this many bytes: one per base page on x86-64 Linux. */
    static final long PAGE_SIZE = 4096;

    protected BenchAllocator peer;
    private long minorFaultsAtStart;

    @Setup(Level.Trial)
    public void openPeer() {
        minorFaultsAtStart = ProcessFaults.minor();
        peer = Peers.open(allocator);
    }

    @TearDown(Level.Trial)
    public void closePeer(BenchmarkParams params) {
        closeAndReport(peer, allocator, minorFaultsAtStart, params);
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
}
