package io.hakmem.spi;

/** What every seam shares: it can give memory back, be closed, and report its counters. */
public interface AllocatorPart {

    /**
     * Gives cached memory back to the OS now, keeping at most {@code keepBytes} of it ready for reuse:
     * {@code Hakmem.trim()} passes 0, the idle release its floor. Never called on the allocate/free path.
     */
    default void trim(long keepBytes) {
    }

    /** Gives everything back to the OS; called once, by {@code Hakmem.close()}, after no more use. */
    default void close() {
    }

    /** Reports this part's counters, named {@code <feature>.<counter>}. Called off the hot path. */
    default void report(CounterSink sink) {
    }
}
