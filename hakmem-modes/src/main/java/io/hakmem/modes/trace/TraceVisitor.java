package io.hakmem.modes.trace;

/**
 * What {@link TraceReader} finds in a trace, in file order: each thread's events in that thread's order, the
 * threads' streams interleaved. Blocks are numbered densely from 0 (a block's number is known at its free even
 * when another thread's allocation of it comes later in the file). A visitor must not act on what it is shown
 * until {@link #end}: a trace that fails a check after it is refused.
 */
public interface TraceVisitor {

    default void header(TraceHeader header) {
    }

    default void thread(int thread, String name) {
    }

    default void site(int site, String name) {
    }

    /** @param time nanoseconds since the start of the recording */
    default void allocate(int thread, int block, int site, long size, long alignment, boolean byAddress, long time) {
    }

    default void free(int thread, int block, long time) {
    }

    default void dropped(int thread, long count, long time) {
    }

    /** The trace passed every check. */
    default void end(TraceEnd end) {
    }
}
