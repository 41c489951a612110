package io.hakmem.modes.core;

import io.hakmem.spi.AllocatorPart;
import io.hakmem.spi.CounterSink;
import io.hakmem.spi.SmallTier;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Gives freed memory back to the OS after a burst, without the application calling {@code trim()}.
 *
 * <p>The rule ({@link IdlePeriod}): every {@code delay / 4} the task reads the allocator's activity (the
 * registry's operation counts and the pools', read off the hot path). When it has not changed for at least
 * {@code delay}, each part that holds freed memory (pools, cache, batch: upstream first, so what the cache lets
 * go reaches the batch before it releases) is trimmed to {@code floor} bytes, once; the next trim waits for
 * activity to resume and stop again. Nothing runs on the allocate/free path.
 *
 * <p>One daemon thread for the whole JVM serves every allocator; each has a task, cancelled by
 * {@link #stop()} (from {@code close()}), which also waits for a trim in progress so that none overlaps the
 * close. The task holds the allocator only weakly: one that is dropped without {@code close()} ends its task once it
 * is collected, which its JMX registration (on by default) prevents: an allocator is closed, not dropped.
 */
final class IdleRelease {
    private static final System.Logger LOG = System.getLogger("io.hakmem");
    /** No parts hold memory, or the delay is 0: nothing to schedule. */
    private static final IdleRelease OFF = new IdleRelease();

    private final WeakReference<Object> owner;
    private final LongSupplier activity;
    private final List<AllocatorPart> holders;
    private final long floor;
    // Guarded by this: the task runs under it and stop() takes it.
    private final IdlePeriod period;
    private ScheduledFuture<?> task;
    private boolean stopped;
    /** Written by the task only; read by stats without waiting for a trim in progress. */
    private volatile long releases;

    private IdleRelease() {
        this.owner = null;
        this.activity = () -> 0;
        this.holders = List.of();
        this.floor = 0;
        this.period = null;
        this.stopped = true;
    }

    private IdleRelease(Object owner, LongSupplier activity, List<AllocatorPart> holders, long floor, long delayNanos) {
        this.owner = new WeakReference<>(owner);
        this.activity = activity;
        this.holders = List.copyOf(holders);
        this.floor = floor;
        this.period = new IdlePeriod(delayNanos);
    }

    /** Starts the idle release of {@code owner}, or returns one that does nothing when it has no use. */
    static IdleRelease start(Object owner, Parts parts, BlockRegistry registry) {
        List<AllocatorPart> holders = parts.holders();
        long delay = parts.idleDelay().toNanos();
        if (holders.isEmpty() || delay <= 0) {
            return OFF;
        }
        List<SmallTier> pools = new ArrayList<>();
        parts.small().ifPresent(pools::add);
        parts.mid().ifPresent(pools::add);
        LongSupplier activity = () -> {
            long operations = registry.activity();
            for (SmallTier pool : pools) {
                operations += pool.allocations() + pool.frees();
            }
            return operations;
        };
        IdleRelease idle = new IdleRelease(owner, activity, holders, parts.idleFloor(), delay);
        idle.schedule(Math.max(delay / 4, TimeUnit.MILLISECONDS.toNanos(1)));
        return idle;
    }

    private synchronized void schedule(long periodNanos) {
        task = Scheduler.EXECUTOR.scheduleWithFixedDelay(this::check, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }

    /** On the scheduler's thread. */
    private synchronized void check() {
        if (stopped) {
            return;
        }
        if (owner.get() == null) {
            stopTask();
            return;
        }
        try {
            if (period.releaseNow(System.nanoTime(), activity.getAsLong())) {
                releases++;
                for (AllocatorPart holder : holders) {
                    holder.trim(floor);
                }
            }
        } catch (RuntimeException | Error e) {
            // An exception would cancel the periodic task for good: log it and try again next idle period.
            LOG.log(System.Logger.Level.WARNING, "hakmem idle release failed; trying again after the next idle period", e);
        }
    }

    /** Cancels the task and waits for a trim in progress; called by close(), before anything is released. */
    synchronized void stop() {
        stopTask();
    }

    private void stopTask() {
        stopped = true;
        if (task != null) {
            task.cancel(false);
        }
    }

    void report(CounterSink sink) {
        if (owner != null) {
            sink.counter("idle.releases", releases);
        }
    }

    /** The JVM's one idle-release thread, started the first time an allocator needs it; a daemon. */
    private static final class Scheduler {
        static final ScheduledThreadPoolExecutor EXECUTOR = create();

        private static ScheduledThreadPoolExecutor create() {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, "hakmem-idle-release");
                thread.setDaemon(true);
                return thread;
            });
            executor.setRemoveOnCancelPolicy(true);
            return executor;
        }
    }
}
