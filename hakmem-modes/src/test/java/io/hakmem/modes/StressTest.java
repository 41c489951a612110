package io.hakmem.modes;

import io.hakmem.Hakmem;
import io.hakmem.HakmemStats;
import io.hakmem.Mode;
import io.hakmem.spi.OsException;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * mimalloc's test-stress, in spirit: threads allocate random sizes from 1 B to 8 MiB, write a cookie at both
 * ends of every block, hand blocks to other threads through a shared queue, check the cookie on every free;
 * worker threads exit and are replaced (thread churn); a trimmer calls {@code trim()} throughout, and every 2 s
 * the workers hold still until the idle release has run. Counters balance at the end. Not a benchmark.
 *
 * <p>Every OS call (mmap, munmap, madvise, malloc, ...) fails with probability {@code -Dstress.fault-rate}
 * (0.0002 by default): a failure is absorbed (a refused madvise or munmap, an mmap retried after a trim) or reaches
 * its caller as an {@code OutOfMemoryError} or an {@code OsException} naming an injected fault, and touches no
 * live block. {@code ./mvnw verify} runs it for
 * {@code -Dstress.seconds} (15 by default) on {@code -Dstress.threads} (4) in {@code -Dstress.mode}
 * (BALANCED). The long runs are the Maven profile {@code stress}: {@code ./mvnw -Pstress -pl hakmem-modes -am
 * verify} (30 minutes, 8 threads, faults on; {@code -Dstress.fault-rate=0} for a run without faults).
 */
class StressTest {
    private static final long SECONDS = Long.getLong("stress.seconds", 15);
    private static final int THREADS = Integer.getInteger("stress.threads", 4);
    private static final double FAULT_RATE = Double.parseDouble(System.getProperty("stress.fault-rate", "0.0002"));
    /** Time to start, to check and free what is left, and to close, on top of the run. */
    private static final Duration GRACE = Duration.ofMinutes(2);
    private static final int OPERATIONS_PER_THREAD_LIFE = 20_000;
    /**
     * Live blocks a worker keeps, and blocks waiting in the hand-over queue per worker: the live set stays
     * bounded (a few hundred MiB of address space at most), as in mimalloc's test-stress. Unbounded, it grows
     * for the whole run until the process hits vm.max_map_count and the OS refuses every mapping.
     */
    private static final int LIVE_PER_THREAD = 256;

    /** Its length is a property, so its timeout is computed; a hang fails with every thread's stack. */
    @Test
    void threadsAllocateHandOverAndFreeWithoutCorruption() {
        assertTimeoutPreemptively(Duration.ofSeconds(SECONDS).plus(GRACE), StressTest::runAndCheck,
                () -> "the stress run hung:\n" + threadDump());
    }

    private static void runAndCheck() throws InterruptedException {
        FaultInjectingOs os = new FaultInjectingOs();
        try (Hakmem hakmem = open(os)) {
            os.failAtRandom(FAULT_RATE);
            Result result = run(hakmem, SECONDS * 1_000_000_000L);
            os.failAtRandom(0);
            HakmemStats stats = hakmem.stats();
            System.out.printf("stress %s: %d s, %d threads at a time, %d operations, %d threads started, %d trims, "
                            + "%d idle releases, %d faults injected (rate %s), %d OutOfMemoryError, %d OsException, "
                            + "%d corruptions%n",
                    hakmem.mode(), SECONDS, THREADS, result.operations.get(), result.threadsStarted.get(),
                    result.trims.get(), stats.get("idle.releases"), os.injected.get(), FAULT_RATE,
                    result.outOfMemory.get(), result.osFailures.get(), result.corruptions.get());
            System.out.println("stress counters: " + stats);
            assertNull(result.failure.get(), () -> "a thread failed: " + result.failure.get());
            assertEquals(0, result.corruptions.get(), "cookies damaged");
            assertEquals(stats.allocations(), stats.frees(), stats.toString());
            assertEquals(0, stats.liveBytes(), stats.toString());
            assertTrue(result.operations.get() > 0);
            assertTrue(stats.get("idle.releases") > 0, "the idle release ran during the pauses");
            if (FAULT_RATE > 0) {
                // A refused madvise or munmap is absorbed (counted, the munmap retried), a failed mmap retried after a trim:
                // how many failures reach callers is chance, that faults were injected is not (about 15 a run).
                assertTrue(os.injected.get() > 0, "faults were injected");
                assertTrue(result.outOfMemory.get() + result.osFailures.get() <= os.injected.get(),
                        "no caller saw more failures than were injected");
            }
        }
    }

    /** The mode asked for ({@code -Dstress.mode}), BALANCED by default, on {@code os}; idle release after 20 ms. */
    private static Hakmem open(FaultInjectingOs os) {
        String mode = System.getProperty("stress.mode", "balanced");
        return Compositions.with().mode(Mode.valueOf(mode.toUpperCase(java.util.Locale.ROOT)))
                .set("idle-release.delay", "20ms").os(os).compose().allocator();
    }

    /** What a run saw. */
    static final class Result {
        final AtomicLong operations = new AtomicLong();
        final AtomicLong corruptions = new AtomicLong();
        final AtomicLong threadsStarted = new AtomicLong();
        final AtomicLong trims = new AtomicLong();
        /** Injected OS failures as the callers saw them. */
        final AtomicLong outOfMemory = new AtomicLong();
        final AtomicLong osFailures = new AtomicLong();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        /** Until this time (nanoTime) the workers pause, so that the allocator goes idle. */
        volatile long pauseUntil;
    }

    static Result run(Hakmem hakmem, long nanos) throws InterruptedException {
        Result result = new Result();
        Handover handover = new Handover(THREADS * LIVE_PER_THREAD);
        long deadline = System.nanoTime() + nanos;
        Thread trimmer = new Thread(() -> {
            try {
                for (int tick = 1; System.nanoTime() < deadline && result.failure.get() == null; tick++) {
                    trim(hakmem, result);
                    if (tick % 40 == 0) {
                        pauseForAnIdleRelease(hakmem, result); // every 2 s
                    }
                    Thread.sleep(50);
                }
            } catch (Throwable t) {
                result.failure.compareAndSet(null, t);
            }
        }, "stress-trimmer");
        trimmer.start();
        List<Thread> slots = new ArrayList<>();
        for (int slot = 0; slot < THREADS; slot++) {
            int seed = slot;
            Thread supervisor = new Thread(() -> {
                for (int life = 0; System.nanoTime() < deadline && result.failure.get() == null; life++) {
                    Thread worker = new Thread(() -> work(hakmem, handover, result, deadline, seed * 1_000_003L),
                            "stress-" + seed);
                    result.threadsStarted.incrementAndGet();
                    worker.start();
                    try {
                        worker.join();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "stress-supervisor-" + slot);
            supervisor.start();
            slots.add(supervisor);
        }
        for (Thread slot : slots) {
            slot.join();
        }
        trimmer.join();
        for (MemorySegment block = handover.poll(); block != null; block = handover.poll()) {
            check(block, result);
            free(hakmem, block, result);
        }
        return result;
    }

    /** A trim; an injected failure of the calls it makes reaches this caller as an {@code OsException}. */
    private static void trim(Hakmem hakmem, Result result) {
        try {
            hakmem.trim();
        } catch (OsException e) {
            expectInjected(e);
            result.osFailures.incrementAndGet();
        }
        result.trims.incrementAndGet();
    }

    /**
     * The workers hold still until the idle release (delay 20 ms) has run, and resume into it. Bounded, so that
     * one that never runs ends the pause and fails the run's check instead of hanging it.
     */
    private static void pauseForAnIdleRelease(Hakmem hakmem, Result result) throws InterruptedException {
        long before = hakmem.stats().get("idle.releases");
        long giveUp = System.nanoTime() + 5_000_000_000L;
        do {
            result.pauseUntil = System.nanoTime() + 50_000_000L;
            Thread.sleep(10);
        } while (hakmem.stats().get("idle.releases") == before && System.nanoTime() < giveUp);
    }

    /**
     * A failure a caller saw must come from an injected fault (named in its message, or in one it carries):
     * never from the allocator itself, and not at all without faults.
     */
    private static void expectInjected(Throwable failure) {
        if (FAULT_RATE == 0 || !names("(injected)", failure)) {
            throw new AssertionError("a failure no fault was injected for", failure);
        }
    }

    private static boolean names(String text, Throwable failure) {
        if (failure == null) {
            return false;
        }
        if (String.valueOf(failure.getMessage()).contains(text) || names(text, failure.getCause())) {
            return true;
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            if (names(text, suppressed)) {
                return true;
            }
        }
        return false;
    }

    private static void work(Hakmem hakmem, Handover handover, Result result,
                             long deadline, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ Thread.currentThread().threadId());
        List<MemorySegment> mine = new ArrayList<>();
        try {
            for (int i = 0; i < OPERATIONS_PER_THREAD_LIFE && System.nanoTime() < deadline; i++) {
                long pause = result.pauseUntil - System.nanoTime();
                if (pause > 0) {
                    Thread.sleep(pause / 1_000_000, (int) (pause % 1_000_000));
                }
                int action = random.nextInt(10);
                boolean full = mine.size() >= LIVE_PER_THREAD;
                if (mine.isEmpty() || (action < 5 && !full)) {
                    MemorySegment block = allocate(hakmem, random, result);
                    if (block != null) {
                        stamp(block);
                        mine.add(block);
                    }
                } else if (action < 7 && handover.offer(mine.get(mine.size() - 1))) {
                    mine.remove(mine.size() - 1);
                } else {
                    MemorySegment block = random.nextBoolean() ? handover.poll() : null;
                    if (block == null) {
                        block = mine.remove(random.nextInt(mine.size()));
                    }
                    check(block, result);
                    free(hakmem, block, result);
                }
                result.operations.incrementAndGet();
            }
            // A thread that dies hands its blocks to the others, as pool threads do (over the bound if need be).
            handover.addAll(mine);
        } catch (Throwable t) {
            result.failure.compareAndSet(null, t);
            handover.addAll(mine);
        }
    }

    /** A new block, or null when an injected OS failure refused it (as it must: clearly, and nothing else). */
    private static MemorySegment allocate(Hakmem hakmem, SplittableRandom random, Result result) {
        try {
            return hakmem.allocate(size(random), 1L << random.nextInt(7));
        } catch (OutOfMemoryError e) {
            expectInjected(e);
            result.outOfMemory.incrementAndGet();
            return null;
        } catch (OsException e) {
            expectInjected(e);
            result.osFailures.incrementAndGet();
            return null;
        }
    }

    /** Frees {@code block}; an injected munmap or madvise failure is reported, and the block is gone either way. */
    private static void free(Hakmem hakmem, MemorySegment block, Result result) {
        try {
            hakmem.free(block);
        } catch (OsException e) {
            expectInjected(e);
            result.osFailures.incrementAndGet();
        }
    }

    /** Blocks on their way to another thread; {@link #offer} refuses beyond a bound. */
    static final class Handover {
        private final ConcurrentLinkedQueue<MemorySegment> queue = new ConcurrentLinkedQueue<>();
        private final java.util.concurrent.atomic.AtomicInteger size = new java.util.concurrent.atomic.AtomicInteger();
        private final int bound;

        Handover(int bound) {
            this.bound = bound;
        }

        boolean offer(MemorySegment block) {
            if (size.incrementAndGet() > bound) {
                size.decrementAndGet();
                return false;
            }
            queue.add(block);
            return true;
        }

        void addAll(List<MemorySegment> blocks) {
            size.addAndGet(blocks.size());
            queue.addAll(blocks);
        }

        MemorySegment poll() {
            MemorySegment block = queue.poll();
            if (block != null) {
                size.decrementAndGet();
            }
            return block;
        }
    }

    /** Mostly small, sometimes large, rarely up to 8 MiB. */
    private static long size(SplittableRandom random) {
        int kind = random.nextInt(100);
        if (kind < 70) {
            return 1 + random.nextInt(1024);
        }
        if (kind < 95) {
            return 1 + random.nextInt(128 * 1024);
        }
        return 1 + random.nextLong(8L << 20);
    }

    private static long cookie(MemorySegment block) {
        return block.address() * 0x9E3779B97F4A7C15L ^ block.byteSize();
    }

    private static void stamp(MemorySegment block) {
        long cookie = cookie(block);
        if (block.byteSize() >= 16) {
            block.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, cookie);
            block.set(ValueLayout.JAVA_LONG_UNALIGNED, block.byteSize() - 8, ~cookie);
        } else {
            block.fill((byte) cookie);
        }
    }

    private static void check(MemorySegment block, Result result) {
        long cookie = cookie(block);
        boolean intact = block.byteSize() >= 16
                ? block.get(ValueLayout.JAVA_LONG_UNALIGNED, 0) == cookie
                && block.get(ValueLayout.JAVA_LONG_UNALIGNED, block.byteSize() - 8) == ~cookie
                : block.byteSize() == 0 || block.get(ValueLayout.JAVA_BYTE, 0) == (byte) cookie;
        if (!intact) {
            result.corruptions.incrementAndGet();
        }
    }

    /** Every thread's stack, for a run that did not end in time. */
    private static String threadDump() {
        StringBuilder dump = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            dump.append('"').append(thread.getName()).append("\" ").append(thread.getState()).append('\n');
            for (StackTraceElement frame : stack) {
                dump.append("    at ").append(frame).append('\n');
            }
        });
        return dump.toString();
    }
}
