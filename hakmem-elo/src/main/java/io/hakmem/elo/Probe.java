package io.hakmem.elo;

import io.hakmem.HakmemStats;
import io.hakmem.spi.CounterSink;
import io.hakmem.spi.OsMemory;
import io.hakmem.spi.PageFaults;

/**
 * What a round costs, read at its start and end: elapsed time (the proxy for CPU time,
 * but precise at the microsecond scale where process CPU accounting is tick-grained), the process's page
 * faults, and the bytes this allocator has mapped. Read on the slow path only, at round and window ends.
 * Tests substitute a deterministic one.
 */
interface Probe {

    /** A reading; differences of two readings are a round's cost. */
    record Reading(long nanos, long faults, long memory) {
    }

    Reading read();

    /**
     * The real machine: one getrusage for the faults, and the OS layer's own mapped-bytes counter (a sum of
     * its striped counter, no file to read; process RSS would be dominated by the Java heap).
     */
    static Probe of(OsMemory os) {
        return () -> {
            PageFaults faults = os.pageFaults();
            return new Reading(System.nanoTime(), faults.minor() + faults.major(), mappedBytes(os));
        };
    }

    private static long mappedBytes(OsMemory os) {
        MappedBytes sink = new MappedBytes();
        os.report(sink);
        return sink.bytes;
    }

    /** Picks {@code os.mapped-bytes} out of the OS layer's counters. */
    final class MappedBytes implements CounterSink {
        long bytes;

        @Override
        public void counter(String name, long value) {
            if (name.equals(HakmemStats.MAPPED_BYTES)) {
                bytes = value;
            }
        }
    }
}
