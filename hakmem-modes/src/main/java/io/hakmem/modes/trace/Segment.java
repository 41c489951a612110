package io.hakmem.modes.trace;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A run of one thread's events, whole records only, on their way to the writer. The thread writes bytes below
 * {@code capacity} and publishes how far with {@link #publish}; once it moves on it links the next segment, after
 * which this one never changes. Invariant: the writer reads only below {@link #limit()}, and recycles a segment
 * only once {@link #next()} is set and everything below the limit is written.
 */
final class Segment {
    private static final VarHandle LIMIT;
    private static final VarHandle NEXT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            LIMIT = lookup.findVarHandle(Segment.class, "limit", int.class);
            NEXT = lookup.findVarHandle(Segment.class, "next", Segment.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final byte[] bytes;
    @SuppressWarnings("unused") // through LIMIT
    private int limit;
    @SuppressWarnings("unused") // through NEXT
    private Segment next;

    Segment(int capacity) {
        this.bytes = new byte[capacity];
    }

    /** Owner: the bytes below {@code position} are whole records. */
    void publish(int position) {
        LIMIT.setRelease(this, position);
    }

    /** Owner: no more bytes go here; the thread goes on in {@code successor}. */
    void seal(Segment successor) {
        NEXT.setRelease(this, successor);
    }

    int limit() {
        return (int) LIMIT.getAcquire(this);
    }

    Segment next() {
        return (Segment) NEXT.getAcquire(this);
    }

    /** Writer, before handing it out again: nothing published, no successor. */
    void reset() {
        LIMIT.setRelease(this, 0);
        NEXT.setRelease(this, null);
    }
}
