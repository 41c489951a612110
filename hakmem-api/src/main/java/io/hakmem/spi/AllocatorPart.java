package io.hakmem.spi;

/** What every seam shares: it can give memory back, be closed, and report its counters. */
public interface AllocatorPart {

    /** Gives cached memory back to the OS now ({@code Hakmem.trim()}). */
    default void trim() {
    }

    /** Gives everything back to the OS; called once, by {@code Hakmem.close()}, after no more use. */
    default void close() {
    }

    /** Reports this part's counters, named {@code <feature>.<counter>}. Called off the hot path. */
    default void report(CounterSink sink) {
    }
}
