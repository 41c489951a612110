package io.hakmem.modes.trace;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The recording's one background thread (a daemon). About once a millisecond, and whenever a thread has filled a
 * segment, it advances the clock and writes what the threads published, in rounds. A round, in this order, so
 * that every name is in the file before its first use: (1) take in the threads that arrived, (2) mark how far each
 * thread has published, (3) write the names declared so far (a site is declared before any event can use it, so
 * the sites of every event below a mark are among them), (4) write each thread's events up to its mark, and let
 * go of the threads that ended and are written. The allocating threads never wait for it.
 */
final class TraceWriter implements Runnable {
    private static final System.Logger LOG = System.getLogger("io.hakmem");
    private static final long TICK_NANOS = 1_000_000;
    /** A names frame is written once it holds this much, so that it stays far below the largest frame. */
    private static final int NAMES_FRAME = 64 << 10;

    private final String path;
    private final FrameOutput out;
    private final long startNanos;
    private final Queue<ThreadEvents> arrivals = new ConcurrentLinkedQueue<>();
    private final Queue<Name> sites = new ConcurrentLinkedQueue<>();
    /** Every thread not yet let go, for the counters. */
    private final Set<ThreadEvents> registered = ConcurrentHashMap.newKeySet();
    private final LongAdder retiredEvents = new LongAdder();
    private final LongAdder retiredDropped = new LongAdder();
    private final Thread thread;
    /** The writer's own: the threads it drains. */
    private final List<ThreadEvents> threads = new ArrayList<>();
    private final PayloadBuilder names = new PayloadBuilder();
    private int threadIds;
    private volatile long now;
    private volatile boolean stopping;
    private volatile Exception failure;

    private record Name(int id, String name) {
    }

    TraceWriter(String path, FrameOutput out, long startNanos) {
        this.path = path;
        this.out = out;
        this.startNanos = startNanos;
        this.thread = Thread.ofPlatform().daemon().name("hakmem-trace-writer").unstarted(this);
    }

    void start() {
        thread.start();
    }

    Thread thread() {
        return thread;
    }

    /** The recorder's clock: nanoseconds since the start, as of the writer's last round. */
    long now() {
        return now;
    }

    /** A thread's first event is coming. */
    void arrive(ThreadEvents events) {
        registered.add(events);
        arrivals.offer(events);
    }

    /** A site that is recorded; declared in the trace before its first event. */
    void site(int id, String name) {
        sites.offer(new Name(id, name));
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                LockSupport.parkNanos(this, TICK_NANOS);
                round();
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
            LOG.log(System.Logger.Level.WARNING, "hakmem trace " + path + ": writing failed, the trace stops here "
                    + "and cannot be replayed (events from now on are dropped): " + e);
        }
    }

    private void round() throws IOException {
        now = System.nanoTime() - startNanos;
        names.clear();
        for (ThreadEvents arrived = arrivals.poll(); arrived != null; arrived = arrivals.poll()) {
            arrived.id = ++threadIds; // numbered as declared: the reader wants 1, 2, 3, ...
            threads.add(arrived);
            name(TraceLayout.THREAD, arrived.id, arrived.name);
        }
        for (ThreadEvents events : threads) {
            events.mark();
        }
        for (Name site = sites.poll(); site != null; site = sites.poll()) {
            name(TraceLayout.SITE, site.id(), site.name());
        }
        if (names.length() > 0) {
            out.frame(TraceLayout.NAMES, names);
        }
        for (Iterator<ThreadEvents> it = threads.iterator(); it.hasNext(); ) {
            ThreadEvents events = it.next();
            events.drain(out);
            if (events.finished()) {
                events.retire();
                retiredEvents.add(events.events());
                retiredDropped.add(events.dropped());
                registered.remove(events);
                it.remove();
            }
        }
        out.flush();
    }

    private void name(int tag, int id, String name) throws IOException {
        names.varint(tag).varint(id).string(name);
        if (names.length() >= NAMES_FRAME) {
            out.frame(TraceLayout.NAMES, names);
            names.clear();
        }
    }

    /**
     * Stops the thread, writes what is left and the end frame, and closes the file; by close or at exit, once.
     * Events published after this are not recorded. False when the trace could not be finished.
     */
    boolean finish() {
        stopping = true;
        LockSupport.unpark(thread);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (failure == null) {
            try (out) { // the writer thread has ended: this thread is the writer now
                round();
                PayloadBuilder end = new PayloadBuilder().varint(System.nanoTime() - startNanos).varint(dropped());
                out.frame(TraceLayout.END, end);
            } catch (IOException | RuntimeException e) {
                failure = e;
                LOG.log(System.Logger.Level.WARNING, "hakmem trace " + path + ": could not be finished, and cannot "
                        + "be replayed: " + e);
            }
        } else {
            out.abandon();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return failure == null;
    }

    long events() {
        long events = retiredEvents.sum();
        for (ThreadEvents each : registered) {
            events += each.events();
        }
        return events;
    }

    long dropped() {
        long dropped = retiredDropped.sum();
        for (ThreadEvents each : registered) {
            dropped += each.dropped();
        }
        return dropped;
    }

    long bytes() {
        return out.bytes();
    }
}
