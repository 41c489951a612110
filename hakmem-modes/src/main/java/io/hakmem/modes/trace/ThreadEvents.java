package io.hakmem.modes.trace;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static io.hakmem.modes.trace.TraceLayout.MAX_EVENT;

/**
 * One thread's events, encoded as {@link TraceLayout} says into a chain of segments that the writer drains.
 *
 * <p>Threading, in two duties: (i) the encoding methods ({@code allocate}, {@code free}, {@code drop},
 * {@code nextBlockId}) are called by the thread itself only, the owner; (ii)
 * {@code id}, {@code mark}, {@code drain}, {@code finished} and {@code retire} by the writer only. They meet in the segments
 * (published limits, sealed links) and in the two counters, which the owner writes opaquely and anyone reads.
 */
final class ThreadEvents {
    private static final VarHandle EVENTS;
    private static final VarHandle DROPPED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            EVENTS = lookup.findVarHandle(ThreadEvents.class, "events", long.class);
            DROPPED = lookup.findVarHandle(ThreadEvents.class, "dropped", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The thread's number in the trace, given by the writer as it declares the thread (so in order). */
    int id;
    final String name;
    private final WeakReference<Thread> thread;
    private final SegmentPool pool;
    private final Thread writer;

    // The owner's
    private Segment writing;
    private int position;
    private long lastTime;
    private long lastBlock;
    private long nextBlock;
    private long blockEnd;
    /** Drops not yet in the trace as a DROPPED record. */
    private long unreported;
    @SuppressWarnings("unused") // through EVENTS
    private long events;
    @SuppressWarnings("unused") // through DROPPED
    private long dropped;

    // The writer's
    private Segment reading;
    private int read;
    private Segment markSegment;
    private int markLimit;

    ThreadEvents(Thread thread, SegmentPool pool, Thread writer) {
        String threadName = thread.getName();
        this.name = threadName.isEmpty() ? "#" + thread.threadId() : threadName;
        this.thread = new WeakReference<>(thread);
        this.pool = pool;
        this.writer = writer;
        Segment start = new Segment(0); // holds nothing: the first event links a real segment
        this.writing = start;
        this.reading = start;
    }

    /** Owner: a new block id, from this thread's range. */
    long nextBlockId(AtomicLong ids) {
        if (nextBlock == blockEnd) {
            nextBlock = ids.getAndAdd(TraceLayout.BLOCK_RANGE);
            blockEnd = nextBlock + TraceLayout.BLOCK_RANGE;
        }
        return nextBlock++;
    }

    /** Owner: records an allocation; false when it had to be dropped. */
    boolean allocate(int site, long size, int alignmentShift, long block, boolean byAddress, long now) {
        if (!room(now)) {
            return drop();
        }
        byte[] bytes = writing.bytes;
        int at = position;
        bytes[at++] = (byte) (byAddress ? TraceLayout.ALLOCATE_BY_ADDRESS : TraceLayout.ALLOCATE);
        at = Varints.put(bytes, at, site);
        at = Varints.put(bytes, at, size);
        bytes[at++] = (byte) alignmentShift;
        at = Varints.put(bytes, at, block - lastBlock);
        at = Varints.put(bytes, at, now - lastTime);
        lastBlock = block;
        lastTime = now;
        publish(at);
        return true;
    }

    /** Owner: records the free of block {@code block}; false when it had to be dropped. */
    boolean free(long block, long now) {
        if (!room(now)) {
            return drop();
        }
        byte[] bytes = writing.bytes;
        int at = position;
        bytes[at++] = TraceLayout.FREE;
        at = Varints.put(bytes, at, Varints.zigzag(lastBlock - block));
        at = Varints.put(bytes, at, now - lastTime);
        lastTime = now;
        publish(at);
        return true;
    }

    /** Owner: an event that is not recorded (no room, or the free of a block whose allocation was dropped). */
    boolean drop() {
        unreported++;
        DROPPED.setOpaque(this, (long) DROPPED.getOpaque(this) + 1);
        return false;
    }

    private void publish(int at) {
        position = at;
        writing.publish(at);
        EVENTS.setOpaque(this, (long) EVENTS.getOpaque(this) + 1);
    }

    /** Room for an event and a DROPPED record: in this segment, or in a new one if the pool has one. */
    private boolean room(long now) {
        if (position + 2 * MAX_EVENT <= writing.bytes.length) {
            return true;
        }
        Segment next = pool.take();
        if (next == null) {
            return false;
        }
        writing.seal(next);
        writing = next;
        position = 0;
        LockSupport.unpark(writer); // a full segment: worth writing now
        if (unreported > 0) {
            byte[] bytes = next.bytes;
            int at = 0;
            bytes[at++] = TraceLayout.DROPPED;
            at = Varints.put(bytes, at, unreported);
            at = Varints.put(bytes, at, now - lastTime);
            lastTime = now;
            unreported = 0;
            position = at;
            next.publish(at);
        }
        return true;
    }

    long events() {
        return (long) EVENTS.getOpaque(this);
    }

    long dropped() {
        return (long) DROPPED.getOpaque(this);
    }

    /** Writer: notes how far this thread has published; {@link #drain} goes that far and no further. */
    void mark() {
        Segment segment = reading;
        for (Segment next = segment.next(); next != null; next = segment.next()) {
            segment = next;
        }
        markSegment = segment;
        markLimit = segment.limit();
    }

    /** Writer: writes the events up to the mark, a segment's worth per frame, and recycles the segments done. */
    void drain(FrameOutput out) throws IOException {
        while (true) {
            Segment segment = reading;
            boolean last = segment == markSegment;
            int limit = last ? markLimit : segment.limit(); // sealed before the mark: final
            assert read <= limit : "read past what the owner published";
            if (limit > read) {
                out.events(id, segment.bytes, read, limit);
                read = limit;
            }
            if (last) {
                return;
            }
            reading = segment.next();
            read = 0;
            if (segment.bytes.length > 0) {
                pool.recycle(segment);
            }
        }
    }

    /** Writer: the thread has ended and everything it recorded is written. */
    boolean finished() {
        Thread owner = thread.get();
        return (owner == null || !owner.isAlive()) && reading.next() == null && read == reading.limit();
    }

    /** Writer, once {@link #finished}: its segment goes back to the pool. */
    void retire() {
        if (reading.bytes.length > 0) {
            pool.recycle(reading);
        }
    }
}
