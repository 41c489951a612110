package io.hakmem.bench;

import io.netty.buffer.ByteBuf;
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
import org.openjdk.jmh.infra.Control;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;

/**
 * Netty direct buffers released by another thread, as an event loop hands a buffer to a worker: one thread
 * allocates and writes a {@code long} at each end, and passes the buffer through a ring of 1,024 slots to a second
 * thread, which releases it. Score: time per buffer, for each side. Same backends and sizes as
 * {@link NettyBufferBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class NettyCrossThreadBenchmark {
    static final int RING = 1 << 10;

    /** The allocator and the ring between the two threads of the group. */
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

        @Param({"hakmem-fast", "hakmem-balanced", NettyAllocators.POOLED, NettyAllocators.ADAPTIVE,
                NettyAllocators.UNPOOLED})
        public String backend;

        @Param({"256", "8192", "65536"})
        public int size;

        NettyAllocators netty;
        /** Written by the producer before it publishes the slot (tail), read by the consumer after (head). */
        final ByteBuf[] buffers = new ByteBuf[RING];
        /** Next slot the producer fills; written by the producer only. */
        @SuppressWarnings("unused") // through TAIL
        private volatile long tail;
        private long p1, p2, p3, p4, p5, p6, p7; // keep head and tail on separate cache lines
        /** Next slot the consumer releases; written by the consumer only. */
        @SuppressWarnings("unused") // through HEAD
        private volatile long head;

        @Setup(Level.Trial)
        public void open() {
            netty = NettyAllocators.open(backend);
        }

        /** Releases what is still in the ring when an iteration ends. */
        @TearDown(Level.Iteration)
        public void drain() {
            for (long at = (long) HEAD.getVolatile(this); at < (long) TAIL.getVolatile(this); at++) {
                int slot = (int) (at & (RING - 1));
                buffers[slot].release();
                buffers[slot] = null;
            }
            HEAD.setVolatile(this, TAIL.getVolatile(this));
        }

        @TearDown(Level.Trial)
        public void close() {
            System.out.println();
            System.out.println(netty.report() + " size=" + size);
            netty.close();
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
        ByteBuf buffer = ring.netty.alloc.directBuffer(ring.size);
        buffer.setLong(0, ring.size);
        buffer.setLong(ring.size - Long.BYTES, ring.size);
        ring.buffers[(int) (tail & (RING - 1))] = buffer;
        Ring.TAIL.setRelease(ring, tail + 1);
    }

    @Benchmark
    @Group("handOver")
    @GroupThreads(1)
    public void releaseThere(Ring ring, Control control) {
        long head = (long) Ring.HEAD.getOpaque(ring);
        while (head == (long) Ring.TAIL.getAcquire(ring)) {
            if (control.stopMeasurement) {
                return;
            }
            Thread.onSpinWait();
        }
        int slot = (int) (head & (RING - 1));
        ring.buffers[slot].release();
        ring.buffers[slot] = null;
        Ring.HEAD.setRelease(ring, head + 1);
    }
}
