package io.hakmem.tinypool;

import io.hakmem.ffm.LinuxOsMemory;
import io.hakmem.spi.OsMemory;
import io.hakmem.spi.Reclaimer;

import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;

/** Pools on the real OS for tests, and a view of their counters. */
final class Pools {
    static final OsMemory OS = LinuxOsMemory.create();
    /** Writes into blocks; the pool itself never does. */
    static final MemorySegment MEMORY = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

    private Pools() {
    }

    static TinyPool pool(long reserve, long retain) {
        return new TinyPool(new TinyPoolSettings(reserve, retain), OS, null);
    }

    static TinyPool pool(long reserve, long retain, Reclaimer reclaimer) {
        return new TinyPool(new TinyPoolSettings(reserve, retain), OS, reclaimer);
    }

    static Map<String, Long> counters(TinyPool pool) {
        Map<String, Long> counters = new HashMap<>();
        pool.report(counters::put);
        return counters;
    }
}
