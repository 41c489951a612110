package io.hakmem.bench;

import io.hakmem.Hakmem;
import io.hakmem.HakmemStats;
import io.hakmem.Mode;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/** hakmem in one preset: {@code hakmem-minimal}, later {@code hakmem-fast}, {@code hakmem-balanced}, ... */
final class HakmemPeer implements BenchAllocator {
    static final String PREFIX = "hakmem-";
    /** Alignment asked of hakmem and of the arena: what malloc guarantees on x86-64. */
    static final long ALIGNMENT = 16;

    /** The core counters that say which path served the blocks. */
    private static final List<String> CORE_COUNTERS = List.of(
            HakmemStats.ALLOCATIONS, HakmemStats.FREES, "path.malloc", "path.mapped",
            HakmemStats.MALLOC_CALLS, HakmemStats.FREE_CALLS, HakmemStats.MMAP_CALLS, HakmemStats.MUNMAP_CALLS,
            HakmemStats.MADVISE_CALLS);
    /** Feature counters, reported whenever a feature of the preset keeps them. */
    private static final List<String> FEATURE_PREFIXES = List.of("bigcache.", "tinypool.", "batch.", "elo.");

    private final String name;
    private final Hakmem hakmem;
    private final long minorFaultsAtStart;

    private HakmemPeer(String name, Hakmem hakmem) {
        this.name = name;
        this.hakmem = hakmem;
        this.minorFaultsAtStart = hakmem.stats().minorFaults();
    }

    /** The preset named by {@code hakmem-<mode>}. */
    static Mode mode(String allocator) {
        if (!allocator.startsWith(PREFIX)) {
            throw new IllegalArgumentException("Not a hakmem peer: " + allocator);
        }
        return Mode.valueOf(allocator.substring(PREFIX.length()).toUpperCase(Locale.ROOT));
    }

    static String name(Mode mode) {
        return PREFIX + mode.configName();
    }

    /**
     * @throws io.hakmem.ConfigurationException when the preset needs a feature module that has not landed
     */
    static HakmemPeer open(String allocator) {
        return new HakmemPeer(allocator, Hakmem.create(mode(allocator)));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long allocateWriteFree(long size) {
        MemorySegment block = hakmem.allocate(size, ALIGNMENT);
        block.set(JAVA_LONG, 0, size);
        hakmem.free(block);
        return block.address();
    }

    @Override
    public long allocateTouchFree(long size, long pageSize) {
        MemorySegment block = hakmem.allocate(size, ALIGNMENT);
        for (long offset = 0; offset < size; offset += pageSize) {
            block.set(JAVA_BYTE, offset, (byte) 1);
        }
        hakmem.free(block);
        return block.address();
    }

    @Override
    public BlockSlots slots(int count) {
        MemorySegment[] blocks = new MemorySegment[count];
        return new BlockSlots() {
            @Override
            public void allocate(int slot, long size) {
                MemorySegment block = hakmem.allocate(size, ALIGNMENT);
                block.set(JAVA_LONG, 0, size);
                blocks[slot] = block;
            }

            @Override
            public void free(int slot) {
                hakmem.free(blocks[slot]);
                blocks[slot] = null;
            }
        };
    }

    /** {@code hakmem-counters allocator=... path.malloc=... ... minor-faults=... minor-faults/alloc=...} */
    @Override
    public String report() {
        HakmemStats stats = hakmem.stats();
        StringBuilder line = new StringBuilder("hakmem-counters allocator=").append(name);
        for (String counter : CORE_COUNTERS) {
            line.append(' ').append(counter).append('=').append(stats.get(counter));
        }
        for (Map.Entry<String, Long> counter : stats.counters().entrySet()) {
            if (FEATURE_PREFIXES.stream().anyMatch(counter.getKey()::startsWith)) {
                line.append(' ').append(counter.getKey()).append('=').append(counter.getValue());
            }
        }
        long faults = stats.minorFaults() - minorFaultsAtStart;
        line.append(" minor-faults=").append(faults);
        long allocations = stats.allocations();
        line.append(" minor-faults/alloc=")
                .append(allocations == 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", (double) faults / allocations));
        return line.toString();
    }

    @Override
    public void close() {
        hakmem.close();
    }
}
