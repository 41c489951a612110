package io.hakmem.bench.ablation;

import io.hakmem.ConfigurationException;
import io.hakmem.ffm.MallocLibrary;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A child JVM of the ablation: runs the given scenarios of one subject one after the other, each on a fresh
 * instance of the subject, and prints one {@link Cell} line per scenario (a full run passes one scenario). One
 * subject per JVM keeps every call site of the allocator monomorphic, as in an application that uses one allocator.
 *
 * <pre>java -cp benchmarks.jar io.hakmem.bench.ablation.CellRunner SUBJECT SCENARIO,... quick|full</pre>
 */
public final class CellRunner {
    private CellRunner() {
    }

    public static void main(String[] args) {
        String subject = args[0];
        List<String> scenarios = Arrays.asList(args[1].split(","));
        Budget budget = args[2].equals("quick") ? Budget.QUICK : Budget.FULL;
        for (String name : scenarios) {
            System.out.println(run(subject, Scenarios.named(name), budget).line());
            System.out.flush();
        }
    }

    private static Cell run(String subjectName, Scenario scenario, Budget budget) {
        if (scenario.crossThread() && subjectName.equals("arena")) {
            return Cell.skipped(subjectName, scenario.name(), "skipped: a confined arena is closed by its owner only");
        }
        Subject subject;
        try {
            subject = open(subjectName);
        } catch (ConfigurationException | IllegalStateException e) {
            return Cell.skipped(subjectName, scenario.name(), "skipped: " + e.getMessage());
        }
        try (subject) {
            System.gc();
            ProcessStats.resetPeak();
            Measurement measured = scenario.run(subject, budget);
            Map<String, Long> counters = subject.counters();
            long rss = ProcessStats.residentBytes();
            long peak = ProcessStats.peakResidentBytes();
            return new Cell(subjectName, scenario.name(), "ok", scenario.operation(), measured.operations(),
                    measured.samples().median(), measured.samples().p99(), measured.throughput(),
                    measured.minorFaultsPerOperation(), measured.majorFaults(), rss, peak,
                    counters.isEmpty() ? peerPath(subjectName) : Paths.describe(counters),
                    Paths.hitRate(counters, "bigcache"), Paths.hitRate(counters, java.util.List.of("tinypool", "midpool")),
                    counters.getOrDefault("os.mmap", 0L), counters.getOrDefault("os.munmap", 0L),
                    counters.getOrDefault("os.madvise", 0L));
        } catch (RuntimeException | OutOfMemoryError e) {
            return Cell.skipped(subjectName, scenario.name(), "failed: " + e);
        }
    }

    private static Subject open(String name) {
        if (name.startsWith("hakmem-")) {
            return Subjects.hakmem(Step.named(name.substring("hakmem-".length())));
        }
        return switch (name) {
            case "glibc", "jemalloc" -> Subjects.malloc(MallocLibrary.system());
            case "mimalloc" -> Subjects.malloc(MallocLibrary.load("libmimalloc.so.2", "mi_malloc", "mi_free")
                    .orElseThrow(() -> new IllegalStateException("libmimalloc.so.2 is not installed")));
            case "arena" -> Subjects.arena();
            case "netty" -> Subjects.netty();
            default -> throw new IllegalArgumentException("Unknown subject " + name);
        };
    }

    private static String peerPath(String name) {
        return switch (name) {
            case "glibc" -> "glibc malloc/free (FFM, critical)";
            case "jemalloc" -> "malloc/free with libjemalloc.so.2 LD_PRELOADed: " + System.getenv("LD_PRELOAD");
            case "mimalloc" -> "mi_malloc/mi_free (FFM, critical)";
            case "arena" -> "Arena.ofConfined() per block";
            case "netty" -> "PooledByteBufAllocator.DEFAULT.directBuffer";
            default -> name;
        };
    }
}
