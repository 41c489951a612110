package io.hakmem.bench;

import io.hakmem.ffm.MallocLibrary;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The floor under MINIMAL's tiny-hot row: glibc's malloc and free (64 B, one {@code long} written) with, step by
 * step, what MINIMAL must add. {@code userSegment} is the {@code glibc} peer (a global-scope segment);
 * {@code scopedSlice} hands the block out as hakmem does, a slice of an address-space segment scoped to the
 * allocator, and checks the scope on free; {@code scopedSliceValidated} adds the least validation that refuses a
 * double or foreign free from any thread: an open-addressing table of live addresses, one CAS in and one CAS out,
 * with none of the registry's other duties (growth, close, counters). Not a peer: no allocator parameter.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class ValidatedMallocFloorBenchmark {
    private static final MallocLibrary GLIBC = MallocLibrary.system();
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final long SIZE = 64;
    private static final int MASK = (1 << 12) - 1;
    private static final long LIVE = 1;
    private static final long FREED = 2;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment.Scope scope = arena.scope();
    private final MemorySegment space = MemorySegment.NULL.reinterpret(Long.MAX_VALUE, arena, null);
    private final long[] slots = new long[MASK + 1];

    @TearDown
    public void close() {
        arena.close();
    }

    @Benchmark
    public long userSegment() {
        MemorySegment block = MemorySegment.ofAddress(GLIBC.malloc(SIZE)).reinterpret(SIZE);
        block.set(JAVA_LONG, 0, SIZE);
        GLIBC.free(block.address());
        return block.address();
    }

    @Benchmark
    public long scopedSlice() {
        MemorySegment block = space.asSlice(GLIBC.malloc(SIZE), SIZE);
        block.set(JAVA_LONG, 0, SIZE);
        checkScope(block);
        GLIBC.free(block.address());
        return block.address();
    }

    @Benchmark
    public long scopedSliceValidated() {
        return validatedCycle(false);
    }

    /**
     * The same with the table owned by the allocating thread: a release store in, a plain check and a release store
     * out, no atomic. The floor of a design where only frees by another thread pay an atomic (and the search for
     * the owner's table, not measured here).
     */
    @Benchmark
    public long scopedSliceOwnerTable() {
        return validatedCycle(true);
    }

    /** One block through malloc, a table and free; {@code owned} is a constant where each benchmark inlines it. */
    private long validatedCycle(boolean owned) {
        long address = GLIBC.malloc(SIZE);
        if (owned) {
            registerOwned(address);
        } else {
            register(address);
        }
        MemorySegment block = space.asSlice(address, SIZE);
        block.set(JAVA_LONG, 0, SIZE);
        checkScope(block);
        if (owned) {
            releaseOwned(block.address());
        } else {
            release(block.address());
        }
        GLIBC.free(block.address());
        return block.address();
    }

    private void registerOwned(long address) {
        for (int i = slot(address); ; i = (i + 1) & MASK) {
            long seen = slots[i];
            if (seen == 0 || (seen & 3) == FREED) {
                SLOTS.setRelease(slots, i, address | LIVE);
                return;
            }
        }
    }

    private void releaseOwned(long address) {
        for (int i = slot(address); ; i = (i + 1) & MASK) {
            long seen = slots[i];
            if ((seen & ~3L) == address) {
                if ((seen & 3) != LIVE) {
                    throw new IllegalStateException("double free");
                }
                SLOTS.setRelease(slots, i, address | FREED);
                return;
            }
            if (seen == 0) {
                throw new IllegalArgumentException("foreign free");
            }
        }
    }

    private void checkScope(MemorySegment block) {
        if (block.scope() != scope) {
            throw new IllegalArgumentException("foreign segment");
        }
    }

    /** Claims an empty or freed slot for the address: one CAS. */
    private void register(long address) {
        for (int i = slot(address); ; i = (i + 1) & MASK) {
            long seen = (long) SLOTS.getVolatile(slots, i);
            if ((seen == 0 || (seen & 3) == FREED) && SLOTS.compareAndSet(slots, i, seen, address | LIVE)) {
                return;
            }
        }
    }

    /** Marks the address's live slot freed: one CAS; a second free or an unknown address is refused. */
    private void release(long address) {
        for (int i = slot(address); ; i = (i + 1) & MASK) {
            long seen = (long) SLOTS.getAcquire(slots, i);
            if ((seen & ~3L) == address) {
                if ((seen & 3) != LIVE || !SLOTS.compareAndSet(slots, i, seen, address | FREED)) {
                    throw new IllegalStateException("double free");
                }
                return;
            }
            if (seen == 0) {
                throw new IllegalArgumentException("foreign free");
            }
        }
    }

    private static int slot(long address) {
        return (int) ((address * 0x9E3779B97F4A7C15L) >>> 40) & MASK;
    }
}
