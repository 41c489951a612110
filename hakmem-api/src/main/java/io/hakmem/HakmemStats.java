package io.hakmem;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of an allocator's counters, by name. The core's names are constants of this class; each
 * feature adds its own under its name ({@code bigcache.hits}, {@code tinypool.hits}, ...). Counters are
 * read without stopping the allocator, so they are consistent only when no thread allocates.
 */
public record HakmemStats(Map<String, Long> counters) {
    /** Blocks handed out, by every path. */
    public static final String ALLOCATIONS = "allocations";
    /** Blocks freed, by every path. */
    public static final String FREES = "frees";
    /** Bytes requested by the blocks still live. */
    public static final String LIVE_BYTES = "live-bytes";
    /**
     * Bytes the OS made readable and writable for this allocator and not yet unmapped: mapped blocks, and the
     * committed part of the pools' reservations. Memory charged to the process, resident once touched.
     */
    public static final String MAPPED_BYTES = "os.mapped-bytes";
    /** Address space reserved for the pools and not committed: nothing charged, nothing resident. */
    public static final String RESERVED_BYTES = "os.reserved-bytes";
    /** {@code hakmem.max-bytes}, when a limit is set (absent otherwise). */
    public static final String MAX_BYTES = "limit.max-bytes";
    /**
     * What counts against the limit, when one is set: mapped blocks (cached and retained ones too), malloc'd
     * blocks and the pools' slabs in use. Never above {@link #MAX_BYTES}.
     */
    public static final String HELD_BYTES = "limit.held-bytes";
    /** Blocks handed out by address ({@code Hakmem.allocateAddress}) and not yet freed: they outlive close. */
    public static final String PINNED_BLOCKS = "pinned-blocks";
    /** Calls to the OS, by name. */
    public static final String MMAP_CALLS = "os.mmap";
    public static final String MUNMAP_CALLS = "os.munmap";
    public static final String MADVISE_CALLS = "os.madvise";
    public static final String MALLOC_CALLS = "os.malloc";
    public static final String FREE_CALLS = "os.free";
    /** Page faults of the whole process (getrusage), sampled when the snapshot was taken. */
    public static final String MINOR_FAULTS = "process.minor-faults";
    public static final String MAJOR_FAULTS = "process.major-faults";
    /** Resident set size of the whole process (/proc/self/statm), in bytes. */
    public static final String RESIDENT_BYTES = "process.resident-bytes";

    public HakmemStats {
        counters = Collections.unmodifiableMap(new TreeMap<>(counters));
    }

    /** The counter called {@code name}, or 0 when no part of this allocator keeps it. */
    public long get(String name) {
        return counters.getOrDefault(name, 0L);
    }

    public long allocations() {
        return get(ALLOCATIONS);
    }

    public long frees() {
        return get(FREES);
    }

    public long liveBytes() {
        return get(LIVE_BYTES);
    }

    public long mappedBytes() {
        return get(MAPPED_BYTES);
    }

    public long reservedBytes() {
        return get(RESERVED_BYTES);
    }

    public long minorFaults() {
        return get(MINOR_FAULTS);
    }

    public long majorFaults() {
        return get(MAJOR_FAULTS);
    }

    public long residentBytes() {
        return get(RESIDENT_BYTES);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("HakmemStats{");
        counters.forEach((name, value) -> text.append("\n  ").append(name).append(" = ").append(value));
        return text.append("\n}").toString();
    }
}
