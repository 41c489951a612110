package io.hakmem.micrometer;

import io.hakmem.Hakmem;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The allocator's counters as the meters read them: one {@code stats()} call serves every meter read within
 * {@code maxAge}, so a scrape of many meters costs one snapshot and nothing is done between scrapes. Once
 * {@code stats()} says the allocator is closed, every read is NaN for good. Thread-safe.
 */
final class StatsSnapshot {
    /** A snapshot's counters and when it was taken (System.nanoTime). */
    private record Taken(Map<String, Long> counters, long takenAt) {
    }

    private static final Taken NEVER = new Taken(Map.of(), 0);

    private final Hakmem hakmem;
    private final long maxAgeNanos;
    /** Told of every new snapshot, outside the lock (it may register meters). */
    private final Consumer<Map<String, Long>> listener;
    private volatile Taken taken = NEVER;
    private volatile boolean closed;

    StatsSnapshot(Hakmem hakmem, Duration maxAge, Consumer<Map<String, Long>> listener) {
        this.hakmem = hakmem;
        this.maxAgeNanos = maxAge.toNanos();
        this.listener = listener;
    }

    /** The counter called {@code name}; NaN if the allocator is closed, the snapshot failed or it keeps no such counter. */
    double value(String name) {
        Long value = counters().get(name);
        return value == null ? Double.NaN : value;
    }

    /** A snapshot no older than max-age; empty once the allocator is closed. */
    Map<String, Long> counters() {
        if (closed) {
            return Map.of();
        }
        Taken current = taken;
        if (current != NEVER && System.nanoTime() - current.takenAt() <= maxAgeNanos) {
            return current.counters();
        }
        return refresh(current);
    }

    private Map<String, Long> refresh(Taken seen) {
        Taken next;
        synchronized (this) {
            if (taken != seen) { // another reader refreshed it meanwhile
                return taken.counters();
            }
            next = new Taken(read(), System.nanoTime());
            taken = next;
        }
        listener.accept(next.counters());
        return next.counters();
    }

    /** Held: this. */
    private Map<String, Long> read() {
        try {
            return hakmem.stats().counters();
        } catch (IllegalStateException e) { // stats() throws it for one reason: the allocator is closed
            closed = true;
            return Map.of();
        } catch (RuntimeException e) { // a meter must not throw: this snapshot is empty, the next one tries again
            return Map.of();
        }
    }
}
