package io.hakmem.bench;

import org.openjdk.jmh.annotations.CompilerControl;

import io.hakmem.Hakmem;
import io.hakmem.HakmemBuilder;
import io.hakmem.HakmemStats;
import io.hakmem.Mode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * hakmem in one preset: {@code hakmem-minimal}, {@code hakmem-balanced}, ...; or a preset with features
 * turned off, named so: {@code hakmem-balanced-without-elo}, to measure one feature's share (run it with
 * an explicit {@code -p allocator=...}). Blocks are segments, as {@code Hakmem.allocate} hands them out; the
 * name ending {@code -by-address} ({@link HakmemAddressPeer}) takes them by address instead.
 */
class HakmemPeer implements BenchAllocator {
    static final String PREFIX = "hakmem-";
    static final String WITHOUT = "-without-";
    static final String BY_ADDRESS = "-by-address";
    /** Alignment asked of hakmem and of the arena: what malloc guarantees on x86-64. */
    static final long ALIGNMENT = 16;

    /** The core counters that say which path served the blocks. */
    private static final List<String> CORE_COUNTERS = List.of(
            HakmemStats.ALLOCATIONS, HakmemStats.FREES, "path.malloc", "path.mapped",
            HakmemStats.MALLOC_CALLS, HakmemStats.FREE_CALLS, HakmemStats.MMAP_CALLS, HakmemStats.MUNMAP_CALLS,
            HakmemStats.MADVISE_CALLS);
    /** Feature counters, reported whenever a feature of the preset keeps them. */
    private static final List<String> FEATURE_PREFIXES = List.of("bigcache.", "tinypool.", "midpool.", "batch.",
            "elo.", "thp.", "large.", "idle.", "registry.");
    /** Levels rather than counts: how they moved over a measurement says nothing. */
    private static final List<String> GAUGES = List.of(HakmemStats.LIVE_BYTES, HakmemStats.MAPPED_BYTES,
            HakmemStats.RESERVED_BYTES, "bigcache.bytes", "bigcache.blocks", "batch.pending-bytes",
            "batch.retained-bytes", "batch.retained-blocks");
    /** Pool counters that are levels too ({@code tinypool.live-bytes}, {@code midpool.slabs}, ...). */
    private static final List<String> POOL_GAUGES = List.of(".live-bytes", ".in-use-bytes", ".retained-bytes",
            ".committed-bytes", ".reserved-bytes", ".heaps", ".slabs", ".slabs-empty");

    private final String name;
    final Hakmem hakmem;
    /** Where blocks come from: the allocator itself, or one of its sites. */
    private final SegmentAllocator source;
    /** A site's peer shares its allocator with the peer that made it, which alone closes it. */
    private final boolean ownsAllocator;
    private final long minorFaultsAtStart;

    HakmemPeer(String name, Hakmem hakmem) {
        this(name, hakmem, hakmem, true, hakmem.stats().minorFaults());
    }

    private HakmemPeer(String name, Hakmem hakmem, SegmentAllocator source, boolean ownsAllocator,
                       long minorFaultsAtStart) {
        this.name = name;
        this.hakmem = hakmem;
        this.source = source;
        this.ownsAllocator = ownsAllocator;
        this.minorFaultsAtStart = minorFaultsAtStart;
    }

    /** The preset named by {@code hakmem-<mode>[-without-<feature>[+<feature>...]]}. */
    static Mode mode(String allocator) {
        if (!allocator.startsWith(PREFIX)) {
            throw new IllegalArgumentException("Not a hakmem peer: " + allocator);
        }
        String rest = allocator.substring(PREFIX.length()).replace(BY_ADDRESS, "");
        int without = rest.indexOf(WITHOUT);
        return Mode.valueOf((without < 0 ? rest : rest.substring(0, without)).toUpperCase(Locale.ROOT));
    }

    /** The features a {@code -without-} name turns off. */
    static List<String> without(String allocator) {
        int at = allocator.indexOf(WITHOUT);
        return at < 0 ? List.of()
                : Arrays.asList(allocator.replace(BY_ADDRESS, "").substring(at + WITHOUT.length()).split("\\+"));
    }

    static String name(Mode mode) {
        return PREFIX + mode.configName();
    }

    static String name(Mode mode, List<String> without) {
        return without.isEmpty() ? name(mode) : name(mode) + WITHOUT + String.join("+", without);
    }

    /**
     * @throws io.hakmem.ConfigurationException when the preset needs a feature module that is not on the class path
     */
    static Hakmem create(String allocator) {
        HakmemBuilder builder = Hakmem.builder().mode(mode(allocator));
        without(allocator).forEach(builder::disable);
        return builder.build();
    }

    /**
     * @throws io.hakmem.ConfigurationException when the preset needs a feature module that is not on the class path
     */
    static HakmemPeer open(String allocator) {
        return allocator.endsWith(BY_ADDRESS)
                ? new HakmemAddressPeer(allocator, create(allocator))
                : new HakmemPeer(allocator, create(allocator));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    @CompilerControl(CompilerControl.Mode.INLINE) // every peer inlined into the loop alike
    public long allocateWriteFree(long size) {
        MemorySegment block = source.allocate(size, ALIGNMENT);
        block.set(JAVA_LONG, 0, size);
        hakmem.free(block);
        return block.address();
    }

    @Override
    @CompilerControl(CompilerControl.Mode.INLINE)
    public long allocateTouchFree(long size, long pageSize) {
        MemorySegment block = source.allocate(size, ALIGNMENT);
        BlockSlots.touchPages(block, 0, size, pageSize);
        hakmem.free(block);
        return block.address();
    }

    @Override
    public BlockSlots slots(int count) {
        MemorySegment[] blocks = new MemorySegment[count];
        return new BlockSlots() {
            @Override
            public void allocate(int slot, long size) {
                MemorySegment block = source.allocate(size, ALIGNMENT);
                block.set(JAVA_LONG, 0, size);
                blocks[slot] = block;
            }

            @Override
            public void free(int slot) {
                hakmem.free(blocks[slot]);
                blocks[slot] = null;
            }

            @Override
            public void touch(int slot, long size, long pageSize) {
                MemorySegment block = blocks[slot];
                BlockSlots.touchPages(block, 0, size, pageSize);
            }
        };
    }

    /** Allocations through {@code hakmem.site(name)}; the allocator, its counters and closing stay with this peer. */
    @Override
    public BenchAllocator site(String site) {
        return new HakmemPeer(name + "@" + site, hakmem, hakmem.site(site), false, minorFaultsAtStart);
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
    public Map<String, Long> counters() {
        return hakmem.stats().counters();
    }

    /** Deltas of the counters that say which path served the blocks, and BigCache's hit rate. */
    @Override
    public String measured(Map<String, Long> before, Map<String, Long> after) {
        StringBuilder line = new StringBuilder();
        long hits = delta(before, after, "bigcache.hits");
        long misses = delta(before, after, "bigcache.misses");
        if (hits + misses > 0) {
            line.append(String.format(Locale.ROOT, "bigcache.hit-rate=%.4f", (double) hits / (hits + misses)));
        }
        for (String counter : CORE_COUNTERS) {
            line.append(line.isEmpty() ? "" : " ").append(counter).append('=').append(delta(before, after, counter));
        }
        for (String counter : after.keySet()) {
            boolean gauge = GAUGES.contains(counter) || counter.startsWith("elo.site.")
                    || (counter.startsWith("tinypool.") || counter.startsWith("midpool."))
                    && POOL_GAUGES.stream().anyMatch(counter::endsWith);
            if (FEATURE_PREFIXES.stream().anyMatch(counter::startsWith) && !gauge) {
                line.append(' ').append(counter).append('=').append(delta(before, after, counter));
            }
        }
        // The decision each site reached (ELO): where it stood at the end, not a difference.
        for (Map.Entry<String, Long> counter : after.entrySet()) {
            String name = counter.getKey();
            if (name.startsWith("elo.site.") && (name.endsWith(".threshold") || name.endsWith(".phase"))) {
                line.append(' ').append(name).append("@end=").append(counter.getValue());
            }
        }
        return line.toString();
    }

    private static long delta(Map<String, Long> before, Map<String, Long> after, String counter) {
        return after.getOrDefault(counter, 0L) - before.getOrDefault(counter, 0L);
    }

    @Override
    public void close() {
        if (ownsAllocator) {
            hakmem.close();
        }
    }
}
