package io.hakmem.pool;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static io.hakmem.pool.TestPools.MEMORY;
import static io.hakmem.pool.TestPools.counters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Blocks crossing threads, threads dying, virtual threads, and a stress run with cookies: what every pool of the
 * engine must do. One small subclass per pool ({@link #newPool}, its sizes and its counters' prefix).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
abstract class PoolThreadsContract {
    final Pool pool = newPool();
    /** A size this pool serves, used where one size will do. */
    final long size = fixedSize();

    abstract Pool newPool();

    abstract long fixedSize();

    /** A random size this pool serves. */
    abstract long randomSize(SplittableRandom random);

    /** The pool's counter {@code name} ({@code tinypool.<name>} or {@code midpool.<name>}). */
    abstract long counter(String name);

    @AfterEach
    void close() {
        pool.close();
    }

    private static void inThread(Runnable body) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().start(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        thread.join();
        assertNull(failure.get());
    }

    @Test
    void blocksFreedByAnotherThreadServeTheOwnerAgain() throws InterruptedException {
        long[] blocks = new long[20_000];
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < blocks.length; i++) {
                blocks[i] = pool.allocate(size, 8, false);
            }
            inThread(() -> {
                for (long block : blocks) {
                    pool.free(block, size, false);
                }
            });
        }
        assertEquals(5L * blocks.length, counter("remote-frees"));
        long notices = counter("remote-notices"); // one per slab the owner took off its remote stack
        assertTrue(notices >= 4 && notices <= 5L * blocks.length, () -> "notices of remote frees: " + counters(pool));
        long slabsForOneRound = (blocks.length + capacity() - 1) / capacity() + 1;
        assertTrue(counter("slabs") <= slabsForOneRound, () -> "remote frees were reused, not leaked: " + counters(pool));
        assertEquals(pool.allocations(), pool.frees());
        assertEquals(0, pool.liveBytes());
    }

    @Test
    void aThreadAboutToCarveTakesALiveThreadsSpareSlabInstead() throws InterruptedException {
        long[] blocks = new long[2 * capacity()];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = pool.allocate(size, 8, false);
        }
        for (long block : blocks) {
            pool.free(block, size, false); // the first slab is this thread's spare now, the second its current one
        }
        long carved = counter("slabs");
        inThread(() -> pool.free(pool.allocate(size, 8, false), size, false));
        assertEquals(carved, counter("slabs"), () -> "no slab carved while another thread had a spare: " + counters(pool));
    }

    @Test
    void aDoubleFreeIsRefusedWhicheverThreadsFree() throws InterruptedException {
        long block = pool.allocate(size, 8, false);
        inThread(() -> pool.free(block, size, false));
        inThread(() -> assertThrows(IllegalStateException.class, () -> pool.free(block, size, false), "remote, then remote"));
        assertThrows(IllegalStateException.class, () -> pool.free(block, size, false), "remote, then the owner");
        long local = pool.allocate(size, 8, false); // block itself, or another: either way freed once, here
        pool.free(local, size, false);
        inThread(() -> assertThrows(IllegalStateException.class, () -> pool.free(local, size, false),
                "owner, then remote"));
    }

    /** Another thread's free naming the wrong request gets the refusal the owner's would, and frees nothing. */
    @Test
    void anotherThreadsFreeNamingTheWrongRequestIsRefusedAsTheOwnersIsAndChangesNothing() throws InterruptedException {
        long segment = pool.allocate(size, 8, false);
        long byAddress = pool.allocate(size, 8, true);
        long stride = byAddress - segment; // the block size: consecutive blocks of a fresh slab
        long third = pool.allocate(size, 8, false);
        assertEquals(byAddress + stride, third, "consecutive blocks");
        long never = third + stride; // in the current slab, a block start past every block handed out
        inThread(() -> {
            IllegalArgumentException slice = assertThrows(IllegalArgumentException.class,
                    () -> pool.free(segment, size - 1, false));
            assertTrue(slice.getMessage().contains("Not a whole block"), slice.getMessage());
            IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
                    () -> pool.free(segment, size, true));
            assertTrue(kind.getMessage().contains("as a segment"), kind.getMessage());
            kind = assertThrows(IllegalArgumentException.class, () -> pool.free(byAddress, size, false));
            assertTrue(kind.getMessage().contains("by address"), kind.getMessage());
            IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                    () -> pool.free(never, size, false));
            assertTrue(none.getMessage().contains("not the start of a block"), none.getMessage());
        });
        assertEquals(4, counter("refused-frees"));
        assertEquals(0, counter("remote-frees"), "nothing freed");
        pool.free(segment, size, false);
        pool.free(byAddress, size, true);
        pool.free(never - stride, size, false);
        assertEquals(pool.allocations(), pool.frees(), "each block freed once, here");
        assertEquals(0, pool.liveBytes());
    }

    @Test
    void aFreeNamingASizeOutOfRangeIsRefusedWhicheverThreadFreesAndChangesNothing() throws InterruptedException {
        long live = pool.allocate(size, 8, true);
        long liveSegment = pool.allocate(size, 8, false);
        long freed = pool.allocate(size, 8, true);
        long freedSegment = pool.allocate(size, 8, false);
        pool.free(freed, size, true); // not reused before the end: nothing else is allocated
        pool.free(freedSegment, size, false);
        // -1, -2 and -3, as either kind's tag, are the records of a freed, a never used and a remotely freed block;
        // -4 - size is the other kind's record of the size; 2^32 + size and 2^16 + size truncate to size
        long[] bad = {-1, -2, -3, -4, -4 - size, Long.MIN_VALUE, (1L << 32) + size, (1L << 16) + size};
        for (long bytes : bad) {
            for (boolean byAddress : new boolean[] {true, false}) {
                Runnable refusals = () -> {
                    assertThrows(RuntimeException.class, () -> pool.free(freed, bytes, byAddress),
                            "freed block by address, " + bytes + ", " + byAddress);
                    assertThrows(RuntimeException.class, () -> pool.free(freedSegment, bytes, byAddress),
                            "freed segment, " + bytes + ", " + byAddress);
                    assertThrows(IllegalArgumentException.class, () -> pool.free(live, bytes, byAddress),
                            "live block by address, " + bytes + ", " + byAddress);
                    assertThrows(IllegalArgumentException.class, () -> pool.free(liveSegment, bytes, byAddress),
                            "live segment, " + bytes + ", " + byAddress);
                };
                inThread(refusals);
                refusals.run();
            }
        }
        assertEquals(0, counter("remote-frees"), "nothing freed");
        pool.free(liveSegment, size, false);
        pool.free(live, size, true);
        assertEquals(pool.allocations(), pool.frees(), "each block freed once");
        long again = pool.allocate(size, 8, true); // no stray remote mark frees it behind the owner's back
        pool.trim(Long.MAX_VALUE);
        assertEquals(pool.allocations() - 1, pool.frees(), "the new block stays live");
        pool.free(again, size, true);
    }

    @Test
    void aFreeOfABlockWhoseRemoteFreeTheOwnerCollectedIsRefused() throws InterruptedException {
        long block = pool.allocate(size, 8, false);
        long keep = pool.allocate(size, 8, false); // the slab stays in use: the collection keeps its records
        inThread(() -> pool.free(block, size, false));
        pool.trim(Long.MAX_VALUE); // the owner collects the remote frees into its current slabs
        inThread(() -> {
            IllegalStateException again = assertThrows(IllegalStateException.class,
                    () -> pool.free(block, size, false), "collected, then remote");
            assertTrue(again.getMessage().contains("Double free"), again.getMessage());
        });
        IllegalStateException again = assertThrows(IllegalStateException.class, () -> pool.free(block, size, false),
                "collected, then the owner");
        assertTrue(again.getMessage().contains("Double free"), again.getMessage());
        pool.free(keep, size, false);
        assertEquals(pool.allocations(), pool.frees(), "each block freed once");
        assertEquals(0, pool.liveBytes());
    }

    @Test
    void theSlabsOfDeadThreadsServeTheLivingAndTheirBlocksCanStillBeFreed() throws InterruptedException {
        ConcurrentLinkedQueue<long[]> handedOver = new ConcurrentLinkedQueue<>();
        int perThread = 5 * capacity();
        for (int t = 0; t < 200; t++) {
            inThread(() -> {
                long[] mine = new long[perThread];
                for (int i = 0; i < mine.length; i++) {
                    mine[i] = pool.allocate(size, 8, false);
                }
                for (int i = 0; i < mine.length; i++) {
                    if (i % 20 != 0) {
                        pool.free(mine[i], size, false); // one in 20 of each thread's blocks outlives it
                    }
                }
                handedOver.add(mine);
            });
        }
        long carvedBeforeFrees = counter("slabs");
        for (long[] mine : handedOver) {
            for (int i = 0; i < mine.length; i += 20) {
                pool.free(mine[i], size, false);
            }
        }
        pool.trim(0);
        Map<String, Long> counters = counters(pool);
        assertTrue(counter("heaps-reclaimed") >= 199, counters::toString);
        // Without reuse each thread would carve its own 5 slabs (1,000); the live set needs about 50.
        assertTrue(carvedBeforeFrees < 200, () -> "dead threads' slabs were reused: " + carvedBeforeFrees);
        assertEquals(counter("slabs"), counter("slabs-released"),
                () -> "every slab went back once all was freed and trimmed: " + counters(pool));
        assertEquals(pool.allocations(), pool.frees());
        assertEquals(0, pool.liveBytes());
    }

    /** Blocks of {@link #size} in one slab. */
    int capacity() {
        ClassTable classes = pool.classes;
        for (int c = 0; c < classes.count; c++) {
            if (classes.blockBytes[c] >= size) {
                return classes.capacity[c];
            }
        }
        throw new AssertionError(size);
    }

    @Test
    void virtualThreadsShareTheShardsInsteadOfHoldingHeaps() throws Exception {
        // {address, stamp}: each block carries a stamp of its own, so one handed out twice shows
        ConcurrentLinkedQueue<long[]> handedOver = new ConcurrentLinkedQueue<>();
        List<Future<?>> tasks = new ArrayList<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 10_000; t++) {
                long task = t;
                tasks.add(executor.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        long block = pool.allocate(size, 8, false);
                        long stamp = task * 10 + i;
                        MEMORY.set(ValueLayout.JAVA_LONG, block, stamp);
                        handedOver.add(new long[] {block, stamp});
                    }
                    for (int i = 0; i < 10; i++) {
                        long[] block = handedOver.poll();
                        if (block != null) {
                            freeStamped(block);
                        }
                    }
                }));
            }
        }
        for (Future<?> task : tasks) {
            task.get(); // a task's failed assertion is thrown here
        }
        for (long[] block = handedOver.poll(); block != null; block = handedOver.poll()) {
            freeStamped(block);
        }
        assertEquals(0, counter("heaps"), counters(pool)::toString);
        assertEquals(100_000, pool.allocations());
        assertEquals(pool.allocations(), pool.frees());
        // Thousands of virtual threads hold no heap: the shards' heaps serve them, a slab or two each (a mid slab
        // of 21 blocks can fill while tasks hold 10 each).
        assertTrue(counter("slabs") <= 2 * SharedLevel.SHARDS, () -> "two slabs per shard at most: " + counters(pool));
    }

    private void freeStamped(long[] block) {
        assertEquals(block[1], MEMORY.get(ValueLayout.JAVA_LONG, block[0]),
                () -> "block 0x" + Long.toHexString(block[0]) + " was written by another holder");
        pool.free(block[0], size, false);
    }

    /**
     * The owner and another thread free the same segment at the same moment, round after round (the two frees
     * overlap in some of them: 0.04 to 10 % of the rounds on two cores). The owner's free has no atomic, so both may
     * return; but exactly one free a round counts (the other refused on the spot or dropped when the owner
     * collects), and no block is ever handed out twice or freed under a holder. Before the remote free took the
     * block by a CAS of its request, this test failed with a block handed out twice.
     */
    @Test
    void aDoubleFreeRacingBetweenTheOwnerAndAnotherThreadNeverHandsABlockOutTwice() throws InterruptedException {
        raceDoubleFrees(false);
    }

    /**
     * The same with a block by address, which the allocator unpins once per free that returns: so here exactly one
     * of the two frees returns, every round.
     */
    @Test
    void ofTwoFreesOfABlockByAddressAtOnceExactlyOneReturns() throws InterruptedException {
        assertEquals(0, raceDoubleFrees(true), "rounds in which both frees returned");
    }

    /** Spins for the other thread, then yields to it: on one CPU a spin alone would wait out its time slice. */
    static void awaitRound(AtomicLong reached, long round) {
        for (int spins = 0; reached.get() != round; spins++) {
            if (spins < 1_000) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    /** Returns the rounds in which both frees returned. */
    private long raceDoubleFrees(boolean byAddress) throws InterruptedException {
        int rounds = 20_000;
        AtomicLong target = new AtomicLong();
        AtomicLong started = new AtomicLong();
        AtomicLong finished = new AtomicLong();
        AtomicLong otherReturned = new AtomicLong();
        Thread other = Thread.ofPlatform().daemon().start(() -> {
            for (int round = 1; round <= rounds; round++) {
                awaitRound(started, round);
                try {
                    pool.free(target.get(), size, byAddress);
                    otherReturned.set(round);
                } catch (IllegalStateException refused) {
                    // the owner's free came first
                }
                finished.set(round);
            }
        });
        long bothReturned = 0;
        List<long[]> kept = new ArrayList<>();
        ConcurrentHashMap<Long, Boolean> live = new ConcurrentHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            target.set(pool.allocate(size, 8, byAddress));
            started.set(round);
            boolean returned = true;
            try {
                pool.free(target.get(), size, byAddress);
            } catch (IllegalStateException refused) {
                returned = false; // the other thread's free came first
            }
            awaitRound(finished, round);
            if (returned && otherReturned.get() == round) {
                bothReturned++;
            }
            long[] block = {pool.allocate(size, 8, false), round};
            assertNull(live.putIfAbsent(block[0], Boolean.TRUE), "a block handed out twice");
            MEMORY.set(ValueLayout.JAVA_LONG, block[0], round);
            kept.add(block);
            if (kept.size() == 1_000) {
                kept.forEach(this::freeStamped); // a live block freed by a stale remote free is refused here
                kept.forEach(b -> live.remove(b[0]));
                kept.clear();
            }
        }
        other.join();
        assertEquals(kept.size(), pool.allocations() - pool.frees(), () -> "live blocks, before any collection: "
                + counters(pool)); // a stale remote bit hides no live block
        kept.forEach(this::freeStamped);
        pool.trim(Long.MAX_VALUE); // collects this thread's remote frees
        assertEquals(rounds, counter("refused-frees"), () -> "one free a round refused: " + counters(pool));
        assertEquals(pool.allocations(), pool.frees());
        assertEquals(0, pool.liveBytes());
        return bothReturned;
    }

    /**
     * Two threads of one slot of the heap table (thread ids equal modulo its size) allocate and free at once: each
     * overwrites the other's place in the fast path's tables, and neither may ever take the other's slab for its own.
     */
    @Test
    void twoThreadsOfOneHeapSlotNeverShareABlock() throws Exception {
        int mySlot = HeapTable.slot(Thread.currentThread());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        ConcurrentHashMap<Long, Boolean> live = new ConcurrentHashMap<>();
        Runnable churn = () -> {
            try {
                SplittableRandom random = new SplittableRandom(Thread.currentThread().threadId());
                long[] mine = new long[64];
                for (int i = 0; i < 200_000; i++) {
                    int at = random.nextInt(mine.length);
                    if (mine[at] != 0) {
                        assertEquals(Thread.currentThread().threadId(), MEMORY.get(ValueLayout.JAVA_LONG, mine[at]));
                        live.remove(mine[at]);
                        pool.free(mine[at], size, false);
                    }
                    mine[at] = pool.allocate(size, 8, false);
                    assertNotEquals(0, mine[at], "the pool served the request");
                    Slab slab = pool.units[(int) ((mine[at] - pool.base) >>> Units.UNIT_SHIFT)];
                    assertSame(Thread.currentThread(), slab.owner.thread, "a block of a slab the thread owns");
                    assertNull(live.putIfAbsent(mine[at], Boolean.TRUE), "a block handed out twice");
                    MEMORY.set(ValueLayout.JAVA_LONG, mine[at], Thread.currentThread().threadId());
                }
                for (long block : mine) {
                    if (block != 0) {
                        live.remove(block);
                        pool.free(block, size, false);
                    }
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        };
        Thread twin = Thread.ofPlatform().unstarted(churn);
        while (HeapTable.slot(twin) != mySlot) {
            twin = Thread.ofPlatform().unstarted(churn); // ids come in order: at most a table's worth of tries
        }
        twin.start();
        churn.run();
        twin.join();
        assertNull(failure.get(), () -> "failed: " + failure.get());
        assertEquals(pool.allocations(), pool.frees());
    }

    /**
     * mimalloc's test-stress in spirit: threads allocate random small sizes, stamp a cookie, pass blocks to
     * other threads, which check the cookie and free them; no block is ever live twice. Not a benchmark.
     */
    @Test
    void stressWithCookiesHandOverAndThreadChurn() throws InterruptedException {
        ConcurrentHashMap<Long, Boolean> live = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<long[]> handedOver = new ConcurrentLinkedQueue<>();
        AtomicLong corruptions = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long deadline = System.nanoTime() + 3_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            long seed = t;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int life = 0; System.nanoTime() < deadline && failure.get() == null; life++) {
                    Thread worker = Thread.ofPlatform().start(() -> {
                        try {
                            work(new SplittableRandom(seed * 31 + Thread.currentThread().threadId()), live, handedOver,
                                    corruptions);
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
                        }
                    });
                    try {
                        worker.join();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        for (long[] block = handedOver.poll(); block != null; block = handedOver.poll()) {
            freeChecked(block, live, corruptions);
        }
        assertNull(failure.get(), () -> "a worker failed: " + failure.get());
        assertEquals(0, corruptions.get());
        assertTrue(live.isEmpty());
        assertEquals(pool.allocations(), pool.frees());
        assertEquals(0, pool.liveBytes());
    }

    private void work(SplittableRandom random, ConcurrentHashMap<Long, Boolean> live,
                      ConcurrentLinkedQueue<long[]> handedOver, AtomicLong corruptions) {
        List<long[]> mine = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            int action = random.nextInt(10);
            if (mine.size() < 500 && (action < 5 || mine.isEmpty())) {
                long size = randomSize(random);
                long address = pool.allocate(size, 1L << random.nextInt(4), false);
                if (live.putIfAbsent(address, Boolean.TRUE) != null) {
                    throw new AssertionError("block 0x" + Long.toHexString(address) + " handed out twice");
                }
                MEMORY.set(ValueLayout.JAVA_LONG_UNALIGNED, address, cookie(address, size));
                mine.add(new long[] {address, size});
            } else if (action < 7 && handedOver.size() < 2_000) {
                handedOver.add(mine.removeLast());
            } else {
                long[] block = random.nextBoolean() ? handedOver.poll() : null;
                freeChecked(block != null ? block : mine.remove(random.nextInt(mine.size())), live, corruptions);
            }
        }
        handedOver.addAll(mine);
    }

    private void freeChecked(long[] block, ConcurrentHashMap<Long, Boolean> live, AtomicLong corruptions) {
        long address = block[0];
        if (MEMORY.get(ValueLayout.JAVA_LONG_UNALIGNED, address) != cookie(address, block[1])) {
            corruptions.incrementAndGet();
        }
        live.remove(address);
        pool.free(address, block[1], false);
    }

    private static long cookie(long address, long size) {
        return address * 0x9E3779B97F4A7C15L ^ size;
    }
}
