package io.hakmem.spi;

/** Receives counters for a {@link io.hakmem.HakmemStats} snapshot. */
@FunctionalInterface
public interface CounterSink {
    void counter(String name, long value);
}
