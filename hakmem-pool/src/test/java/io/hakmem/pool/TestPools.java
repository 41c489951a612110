package io.hakmem.pool;

import io.hakmem.ffm.LinuxOsMemory;
import io.hakmem.spi.OsMemory;
import io.hakmem.spi.Reclaimer;

import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Pools on the real OS for tests, and a view of their counters. */
final class TestPools {
    static final OsMemory OS = LinuxOsMemory.create();
    /** Writes into blocks; the pool itself never does. */
    static final MemorySegment MEMORY = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

    private TestPools() {
    }

    /** A TinyPool keeping {@code retain} bytes of empty slabs and no more (no retain window). */
    static TinyPool tiny(long reserve, long retain) {
        return tiny(reserve, retain, Duration.ZERO, null);
    }

    static TinyPool tiny(long reserve, long retain, Duration window, Reclaimer reclaimer) {
        return new TinyPool(new PoolSettings(reserve, retain, window), OS, reclaimer);
    }

    /** A MidPool for requests below 256 KiB keeping {@code retain} bytes of empty slabs and no more. */
    static MidPool mid(long reserve, long retain) {
        return mid(256 << 10, reserve, retain, Duration.ZERO);
    }

    static MidPool mid(long limit, long reserve, long retain, Duration window) {
        return new MidPool(limit, new PoolSettings(reserve, retain, window), OS, null);
    }

    static Map<String, Long> counters(Pool pool) {
        Map<String, Long> counters = new HashMap<>();
        pool.report(counters::put);
        return counters;
    }
}
