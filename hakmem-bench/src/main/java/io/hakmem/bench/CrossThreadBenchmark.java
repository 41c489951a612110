package io.hakmem.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
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
import org.openjdk.jmh.infra.Control;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;

/**
 * Scenario cross-thread: one thread allocates small blocks (writing one {@code long} into each) and hands
 * them through a ring of 1,024 slots to a second thread, which frees them. Every free is by a thread that
 * did not allocate the block: the remote-free path of a pool. Score: time per block, for each side.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class CrossThreadBenchmark {
    static final int RING = 1 << 10;

    /** The peer and the ring between the two threads of the group. */
    @State(Scope.Group)
    public static class Ring {
        private static final VarHandle TAIL;
        private static final VarHandle HEAD;

        static {
            try {
                TAIL = MethodHandles.lookup().findVarHandle(Ring.class, "tail", long.class);
                HEAD = MethodHandles.lookup().findVarHandle(Ring.class, "head", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        @Param({"hakmem-minimal", "hakmem-fast", "hakmem-balanced", "glibc", "mimalloc", "arena", "netty"})
        public String allocator;

        @Param({"64"})
        public long size;

        BenchAllocator peer;
        BlockSlots slots;
        private long minorFaultsAtStart;
        /** Next slot the producer fills; written by the producer only. */
        @SuppressWarnings("unused") // through TAIL
        private volatile long tail;
        private long p1, p2, p3, p4, p5, p6, p7; // keep head and tail on separate cache lines
        /** Next slot the consumer frees; written by the consumer only. */
        @SuppressWarnings("unused") // through HEAD
        private volatile long head;

        @Setup(Level.Trial)
        public void open() {
            minorFaultsAtStart = ProcessFaults.minor();
            peer = Peers.open(allocator);
            slots = peer.slots(RING);
        }

        /** Frees what is still in the ring when an iteration ends. */
        @TearDown(Level.Iteration)
        public void drain() {
            for (long at = (long) HEAD.getVolatile(this); at < (long) TAIL.getVolatile(this); at++) {
                slots.free((int) (at & (RING - 1)));
            }
            HEAD.setVolatile(this, TAIL.getVolatile(this));
        }

        @TearDown(Level.Trial)
        public void close(BenchmarkParams params) {
            AllocatorBenchmark.closeAndReport(peer, allocator, minorFaultsAtStart, params);
        }
    }

    @Benchmark
    @Group("handOver")
    @GroupThreads(1)
    public void allocateHere(Ring ring, Control control) {
        long tail = (long) Ring.TAIL.getOpaque(ring);
        while (tail - (long) Ring.HEAD.getAcquire(ring) >= RING) {
            if (control.stopMeasurement) {
                return;
            }
            Thread.onSpinWait();
        }
        ring.slots.allocate((int) (tail & (RING - 1)), ring.size);
        Ring.TAIL.setRelease(ring, tail + 1);
    }

    @Benchmark
    @Group("handOver")
    @GroupThreads(1)
    public void freeThere(Ring ring, Control control) {
        long head = (long) Ring.HEAD.getOpaque(ring);
        while (head == (long) Ring.TAIL.getAcquire(ring)) {
            if (control.stopMeasurement) {
                return;
            }
            Thread.onSpinWait();
        }
        ring.slots.free((int) (head & (RING - 1)));
        Ring.HEAD.setRelease(ring, head + 1);
    }
}
