package io.hakmem.elo;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs what a lifecycle move has to say (log lines, JFR events, the profile file) on a background thread,
 * never on the allocating thread that made the move: that thread only queues a task. One daemon thread for
 * the JVM serves every allocator; {@link #flush()} runs what is queued on the caller (close, tests).
 */
final class EloReporter {
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Object running = new Object();

    /** Queues {@code task}; the background thread runs it soon, in order with the others. */
    void post(Runnable task) {
        queue.add(task);
        if (scheduled.compareAndSet(false, true)) {
            Background.EXECUTOR.execute(this::drainInBackground);
        }
    }

    private void drainInBackground() {
        scheduled.set(false);
        flush();
        if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
            Background.EXECUTOR.execute(this::drainInBackground);
        }
    }

    /** Runs every queued task now, on the caller, after any the background thread is running. */
    void flush() {
        synchronized (running) {
            for (Runnable task = queue.poll(); task != null; task = queue.poll()) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    System.getLogger("io.hakmem.elo").log(System.Logger.Level.WARNING, "ELO report failed", e);
                }
            }
        }
    }

    /** The JVM's one ELO reporting thread, started the first time a site moves; a daemon. */
    private static final class Background {
        static final ExecutorService EXECUTOR = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hakmem-elo-reporter");
            thread.setDaemon(true);
            return thread;
        });
    }
}
