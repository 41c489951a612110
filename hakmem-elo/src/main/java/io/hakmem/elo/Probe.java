package io.hakmem.elo;

import io.hakmem.spi.OsMemory;
import io.hakmem.spi.PageFaults;

/**
 * What a round costs, read at its start and end: elapsed time (the CPU-time proxy: the original's "CPU time",
 * but precise at the microsecond scale where process CPU accounting is tick-grained), the process's page
 * faults and its resident memory. Tests substitute a deterministic one.
 */
interface Probe {

    /** A reading; differences of two readings are a round's cost. */
    record Reading(long nanos, long faults, long memory) {
    }

    Reading read();

    /** The real machine. Reading it costs a getrusage and a /proc read: only at round and window ends. */
    static Probe of(OsMemory os) {
        return () -> {
            PageFaults faults = os.pageFaults();
            return new Reading(System.nanoTime(), faults.minor() + faults.major(), os.residentBytes());
        };
    }
}
