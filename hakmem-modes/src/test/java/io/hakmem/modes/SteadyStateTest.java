package io.hakmem.modes;

import io.hakmem.Hakmem;
import io.hakmem.HakmemStats;
import io.hakmem.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * No lock on the common path: once a workload is warm, allocate and free take no lock anywhere (no shard lock of
 * the pools, no commit under a region's lock, no rebuild of the registry), and nothing goes to malloc.
 * The scenarios of the benchmarks, run long enough to be warm and counted by the allocator's own counters.
 */
class SteadyStateTest {
    /** larson warms up in rounds of this many steps a thread until one carves no slab. */
    private static final int WARM_UP_ROUND = 1_000_000;
    private static final int MIN_WARM_UP_ROUNDS = 7;
    private static final int MAX_WARM_UP_ROUNDS = 30;
    /**
     * What would take a lock: a pool's shard lock, a pool committing more of its region (the region's lock; carving
     * a slab is a CAS, committing runs ahead of it), a rebuild of a registry stripe; and malloc.
     */
    private static final List<String> LOCKS = List.of("tinypool.shard-locks", "midpool.shard-locks",
            "tinypool.committed-bytes", "midpool.committed-bytes", "registry.rebuilds", "path.malloc");

    private static Hakmem open(Mode mode) {
        return Hakmem.builder().mode(mode).set("idle-release.delay", "0").set("jmx", "false").build();
    }

    private static void assertNoLockBetween(HakmemStats warm, HakmemStats end) {
        for (String counter : LOCKS) {
            assertEquals(warm.get(counter), end.get(counter), () -> counter + " moved in the steady state: " + end);
        }
    }

    @Test
    void tinyHot() {
        try (Hakmem hakmem = open(Mode.FAST)) {
            for (int i = 0; i < 200_000; i++) {
                oneTinyHot(hakmem);
            }
            HakmemStats warm = hakmem.stats();
            for (int i = 0; i < 1_000_000; i++) {
                oneTinyHot(hakmem);
            }
            assertNoLockBetween(warm, hakmem.stats());
        }
    }

    private static void oneTinyHot(Hakmem hakmem) {
        MemorySegment block = hakmem.allocate(64, 16);
        block.set(ValueLayout.JAVA_LONG, 0, 1);
        hakmem.free(block);
    }

    @Test
    void midChurn() {
        try (Hakmem hakmem = open(Mode.BALANCED)) {
            SplittableRandom random = new SplittableRandom(42);
            MemorySegment[] live = new MemorySegment[64];
            for (int i = 0; i < live.length; i++) {
                live[i] = hakmem.allocate(midSize(random));
            }
            for (int i = 0; i < 100_000; i++) {
                replace(hakmem, live, random);
            }
            HakmemStats warm = hakmem.stats();
            for (int i = 0; i < 300_000; i++) {
                replace(hakmem, live, random);
            }
            assertNoLockBetween(warm, hakmem.stats());
            for (MemorySegment block : live) {
                hakmem.free(block);
            }
        }
    }

    private static long midSize(SplittableRandom random) {
        return (long) Math.exp(Math.log(1024) + random.nextDouble() * (Math.log(256 << 10) - Math.log(1024)));
    }

    private static void replace(Hakmem hakmem, MemorySegment[] live, SplittableRandom random) {
        int victim = random.nextInt(live.length);
        hakmem.free(live[victim]);
        live[victim] = hakmem.allocate(midSize(random));
        for (long offset = 0; offset < live[victim].byteSize(); offset += 4096) {
            live[victim].set(ValueLayout.JAVA_BYTE, offset, (byte) 1);
        }
    }

    /**
     * larson: two threads replace random blocks of 16..1,024 B among 10,000 shared ones, half the frees remote. The
     * same two threads warm up, wait while the counters are read, and go on. Warm means a round of a million steps
     * a thread carved no slab (after seven rounds at least): the pool grows to its working size ever more slowly,
     * and a thread descheduled for a while leaves its blocks' remote frees uncollected, so that the other one needs
     * more slabs meanwhile.
     */
    @Test
    @Timeout(180)
    void larson() throws Exception {
        try (Hakmem hakmem = open(Mode.FAST)) {
            int blocks = 10_000;
            AtomicReferenceArray<MemorySegment> live = new AtomicReferenceArray<>(blocks);
            AtomicIntegerArray busy = new AtomicIntegerArray(blocks);
            SplittableRandom setup = new SplittableRandom(1);
            for (int i = 0; i < blocks; i++) {
                live.set(i, hakmem.allocate(16 + setup.nextInt(1009)));
            }
            CyclicBarrier warmedUp = new CyclicBarrier(3);
            CyclicBarrier counted = new CyclicBarrier(3);
            AtomicBoolean warm = new AtomicBoolean();
            List<Future<?>> threads = new ArrayList<>();
            try (ExecutorService executor = Executors.newFixedThreadPool(2)) {
                for (int t = 0; t < 2; t++) {
                    SplittableRandom random = new SplittableRandom(100 + t);
                    threads.add(executor.submit(() -> {
                        do {
                            larsonSteps(hakmem, live, busy, random, WARM_UP_ROUND);
                            warmedUp.await();
                            counted.await();
                        } while (!warm.get());
                        larsonSteps(hakmem, live, busy, random, 1_000_000);
                        return null;
                    }));
                }
                HakmemStats before = hakmem.stats();
                HakmemStats after;
                int rounds = 0;
                do {
                    warmedUp.await();
                    after = hakmem.stats();
                    rounds++;
                    boolean grew = after.get("tinypool.slabs") != before.get("tinypool.slabs");
                    warm.set(rounds >= MIN_WARM_UP_ROUNDS && !grew || rounds == MAX_WARM_UP_ROUNDS);
                    before = after;
                    counted.await();
                } while (!warm.get());
                for (Future<?> thread : threads) {
                    thread.get();
                }
                assertNoLockBetween(after, hakmem.stats());
            }
            for (int i = 0; i < blocks; i++) {
                hakmem.free(live.get(i));
            }
        }
    }

    private static void larsonSteps(Hakmem hakmem, AtomicReferenceArray<MemorySegment> live, AtomicIntegerArray busy,
                                    SplittableRandom random, int steps) {
        for (int i = 0; i < steps; i++) {
            int slot = random.nextInt(live.length());
            while (!busy.compareAndSet(slot, 0, 1)) {
                slot = random.nextInt(live.length());
            }
            hakmem.free(live.get(slot));
            MemorySegment block = hakmem.allocate(16 + random.nextInt(1009));
            block.set(ValueLayout.JAVA_LONG, 0, i);
            live.set(slot, block);
            busy.set(slot, 0);
        }
    }
}
