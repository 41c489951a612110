package io.hakmem.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * tiny-hot through a call site ({@code hakmem.site("tiny-hot")}) rather than the allocator itself: beside
 * {@link TinyHotBenchmark}, what a site's bookkeeping adds to an allocation. The peers without sites run the same
 * operation as in tiny-hot.
 */
@State(Scope.Thread)
public class TinyHotSiteBenchmark extends AllocatorBenchmark {

    @Param({"64"})
    public long size;

    private BenchAllocator site;

    @Setup(Level.Trial)
    public void openSite() { // after the peer: JMH runs a superclass's setup first
        site = peer.site("tiny-hot");
    }

    @Benchmark
    public long allocateWriteFree() {
        return site.allocateWriteFree(size);
    }
}
