package io.hakmem.bench;

import io.hakmem.ConfigurationException;
import io.hakmem.Hakmem;
import io.hakmem.Mode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The peers by {@code allocator} parameter, and which of them this machine and this build can run. */
final class Peers {
    static final String GLIBC = "glibc";
    static final String MIMALLOC = "mimalloc";
    /** What a run without mimalloc says instead of benchmarking it. */
    static final String MIMALLOC_SKIPPED = "skipped: " + MallocPeers.MIMALLOC_LIBRARY
            + " not installed (or not loadable): no mimalloc rows";
    static final String ARENA = "arena";
    static final String NETTY = "netty";
    /** Peers no default run includes: the raw-address forms of the malloc peers, and a floor that is no allocator. */
    static final List<String> BY_NAME_ONLY = List.of(GLIBC + MallocPeers.RAW, MIMALLOC + MallocPeers.RAW,
            SegmentFloorPeer.NAME);

    private Peers() {
    }

    /**
     * The peer called {@code allocator}.
     *
     * @throws IllegalStateException when it cannot run here (a library not installed, a hakmem preset whose
     *                               feature modules are missing); {@link #available} filters those out
     */
    static BenchAllocator open(String allocator) {
        if (allocator.startsWith(HakmemPeer.PREFIX)) {
            try {
                return HakmemPeer.open(allocator);
            } catch (ConfigurationException e) {
                throw new IllegalStateException("skipped: " + allocator + ": " + e.getMessage(), e);
            }
        }
        return switch (allocator) {
            case GLIBC -> new MallocPeers.Glibc(false);
            case GLIBC + MallocPeers.RAW -> new MallocPeers.Glibc(true);
            case MIMALLOC, MIMALLOC + MallocPeers.RAW -> {
                if (MallocPeers.mimalloc().isEmpty()) {
                    throw new IllegalStateException(MIMALLOC_SKIPPED);
                }
                yield new MallocPeers.Mimalloc(allocator.endsWith(MallocPeers.RAW));
            }
            case ARENA -> new ArenaPeer();
            case NETTY -> new NettyPeer();
            case SegmentFloorPeer.NAME -> new SegmentFloorPeer();
            default -> throw new IllegalArgumentException("Unknown allocator '" + allocator + "'; one of "
                    + all() + ", by name only " + BY_NAME_ONLY + ", or hakmem-<mode>" + HakmemPeer.BY_ADDRESS);
        };
    }

    /**
     * Every peer a default run benchmarks: each hakmem preset, then the others. Not the segment floor, which is
     * no allocator and runs by name only.
     */
    static List<String> all() {
        List<String> all = new ArrayList<>();
        for (Mode mode : Mode.values()) {
            all.add(HakmemPeer.name(mode));
        }
        all.addAll(List.of(GLIBC, MIMALLOC, ARENA, NETTY));
        return all;
    }

    /**
     * The peers that can run here, in {@link #all()} order; for each one that cannot, a line starting with
     * {@code skipped:} goes to {@code skipped}.
     */
    static List<String> available(Consumer<String> skipped) {
        List<String> available = new ArrayList<>();
        for (String allocator : all()) {
            if (canRun(allocator, skipped)) {
                available.add(allocator);
            }
        }
        return available;
    }

    private static boolean canRun(String allocator, Consumer<String> skipped) {
        if (allocator.startsWith(HakmemPeer.PREFIX)) {
            try (Hakmem probe = HakmemPeer.create(allocator)) {
                return probe != null;
            } catch (ConfigurationException e) {
                skipped.accept("skipped: " + allocator + " (" + e.getMessage() + ")");
                return false;
            }
        }
        if (allocator.startsWith(MIMALLOC) && MallocPeers.mimalloc().isEmpty()) {
            skipped.accept(MIMALLOC_SKIPPED);
            return false;
        }
        return true;
    }
}
