package io.hakmem.bench.ablation;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A scenario built from a trace ({@code ./hakmem replay}): the recorded threads run again, each its own events in
 * its own order, writing one byte per 4 KiB page of every block as the other scenarios do. A free is done by the
 * thread that recorded it; a free of another thread's block waits until that block has been allocated, that is until
 * its slot's count of occupants (stored with release after the handle) is the block's: an acquire load, a spin, then
 * yields, then short parks. One operation is one allocation, with its share of
 * frees and writes: passes over the whole trace repeat for the budget, at least one to warm up and one to measure,
 * and each measured pass is one sample, its wall time over its allocations. (Samples of a fixed number of
 * allocations would leave out a program's bursts of frees: json-parse frees a whole document at once.)
 */
final class TraceReplay implements Scenario {
    static final String PREFIX = "trace:";
    private static final long PAGE = 4096;
    private static final VarHandle OCCUPANTS = MethodHandles.arrayElementVarHandle(int[].class);

    private final String name;
    private final ReplayPlan plan;

    private TraceReplay(String name, ReplayPlan plan) {
        this.name = name;
        this.plan = plan;
    }

    /** {@code trace:<file>}: the trace read and checked whole. */
    static TraceReplay load(String name) {
        return new TraceReplay(name, ReplayPlan.load(Path.of(name.substring(PREFIX.length()))));
    }

    static TraceReplay of(String name, ReplayPlan plan) {
        return new TraceReplay(name, plan);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String operation() {
        return "allocation";
    }

    @Override
    public boolean reportsThroughput() {
        return multiThreaded();
    }

    @Override
    public boolean multiThreaded() {
        return plan.threads() > 1;
    }

    @Override
    public boolean crossThread() {
        return plan.crossThread;
    }

    @Override
    public Measurement run(Subject subject, Budget budget) {
        Subject[] bySite = new Subject[plan.siteNames.length];
        for (int s = 0; s < bySite.length; s++) {
            bySite[s] = plan.siteNames[s].equals("default") ? subject : subject.site(plan.siteNames[s]);
        }
        long warmupEnd = System.nanoTime() + budget.warmupNanos();
        do {
            pass(subject, bySite);
        } while (System.nanoTime() < warmupEnd);
        Samples samples = new Samples();
        long[] faultsBefore = ProcessStats.faults();
        long end = System.nanoTime() + budget.measureNanos();
        long elapsed = 0;
        long operations = 0;
        do {
            long nanos = pass(subject, bySite);
            samples.add((double) nanos / Math.max(1, plan.allocations));
            elapsed += nanos;
            operations += plan.allocations;
        } while (System.nanoTime() < end);
        long[] faultsAfter = ProcessStats.faults();
        return new Measurement(samples, operations, elapsed, faultsBefore, faultsAfter);
    }

    /** One replay of the whole trace, a thread per recorded thread; its wall time, leftovers' frees excluded. */
    private long pass(Subject subject, Subject[] bySite) {
        int threads = plan.threads();
        Object[] handles = new Object[plan.slots];
        boolean[] byAddress = new boolean[plan.slots];
        int[] occupants = new int[plan.slots];
        long[] ends = new long[threads];
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers[t] = Thread.ofPlatform().name(plan.threadNames[t]).unstarted(() -> {
                try {
                    ready.countDown();
                    go.await();
                    replay(thread, subject, bySite, new Slots(handles, byAddress, occupants), failure);
                    ends[thread] = System.nanoTime();
                    for (int slot : plan.leftovers[thread]) {
                        free(subject, byAddress[slot], handles[slot]);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            workers[t].start();
        }
        long start;
        try {
            ready.await();
            start = System.nanoTime();
            go.countDown();
            for (Thread worker : workers) {
                worker.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay interrupted", e);
        }
        if (failure.get() != null) {
            printTop(failure.get());
            throw new IllegalStateException("replay failed: " + failure.get(), failure.get());
        }
        long last = start;
        for (long threadEnd : ends) {
            last = Math.max(last, threadEnd);
        }
        return last - start;
    }

    /** Where a replay thread failed, into the cell's log: the top of its stack is enough, and a deep one is long. */
    private static void printTop(Throwable failure) {
        System.err.println("replay thread failed: " + failure);
        StackTraceElement[] stack = failure.getStackTrace();
        for (int i = 0; i < Math.min(40, stack.length); i++) {
            System.err.println("\tat " + stack[i]);
        }
    }

    /** The handle table of a pass: each slot's block, how it was allocated, and how many blocks it has held. */
    private record Slots(Object[] handles, boolean[] byAddress, int[] occupants) {
    }

    private void replay(int thread, Subject subject, Subject[] bySite, Slots slots,
                        AtomicReference<Throwable> failure) {
        Object[] handles = slots.handles;
        boolean[] byAddress = slots.byAddress;
        int[] occupants = slots.occupants;
        int[] operations = plan.operations[thread];
        long[] sizes = plan.sizes[thread];
        int[] meta = plan.meta[thread];
        int[] awaited = plan.awaitedOccupants[thread];
        int allocation = 0;
        int remoteFree = 0;
        for (int operation : operations) {
            int slot = operation >>> 2;
            switch (operation & 3) {
                case ReplayPlan.ALLOCATE -> {
                    long size = sizes[allocation];
                    int info = meta[allocation++];
                    Subject site = bySite[ReplayPlan.site(info)];
                    long alignment = ReplayPlan.alignment(info);
                    boolean address = ReplayPlan.byAddress(info);
                    Object handle = address ? site.allocateByAddress(size, alignment) : site.allocate(size, alignment);
                    for (long offset = 0; offset < size; offset += PAGE) {
                        subject.write(handle, offset, (byte) slot);
                    }
                    handles[slot] = handle;
                    byAddress[slot] = address;
                    // this thread saw the slot's last count: its own store, or the one its free of the block before
                    // waited for
                    OCCUPANTS.setRelease(occupants, slot, occupants[slot] + 1);
                }
                case ReplayPlan.FREE -> {
                    free(subject, byAddress[slot], handles[slot]);
                    handles[slot] = null;
                }
                default -> {
                    awaitOccupant(occupants, slot, awaited[remoteFree++], failure);
                    free(subject, byAddress[slot], handles[slot]);
                    handles[slot] = null;
                }
            }
        }
    }

    private static void free(Subject subject, boolean byAddress, Object handle) {
        if (byAddress) {
            subject.freeByAddress(handle);
        } else {
            subject.free(handle);
        }
    }

    /** Waits until slot {@code slot} holds its {@code occupant}-th block; given up when a thread of the pass failed. */
    private static void awaitOccupant(int[] occupants, int slot, int occupant, AtomicReference<Throwable> failure) {
        for (int spins = 0; (int) OCCUPANTS.getAcquire(occupants, slot) != occupant; spins++) {
            if (spins < 100) {
                Thread.onSpinWait();
            } else if (spins < 10_000) {
                Thread.yield();
            } else {
                if (failure.get() != null) {
                    throw new IllegalStateException("another replay thread failed");
                }
                LockSupport.parkNanos(50_000);
            }
        }
    }
}
