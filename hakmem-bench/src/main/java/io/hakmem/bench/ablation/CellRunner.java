package io.hakmem.bench.ablation;

import io.hakmem.ConfigurationException;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A child JVM of the ablation: runs the given scenarios of one subject one after the other, each on a fresh
 * instance of the subject, and prints one {@link Cell} line per scenario (a full run passes one scenario). One
 * subject per JVM keeps every call site of the allocator monomorphic, as in an application that uses one allocator.
 * With a directory to record into, a hakmem subject records each scenario's trace there as
 * {@code <scenario>.<step>.hktrace} (the recording slows the cell down: its numbers are not the step's).
 *
 * <pre>java -cp benchmarks.jar io.hakmem.bench.ablation.CellRunner SUBJECT SCENARIO,... quick|full [RECORD-DIR]</pre>
 */
public final class CellRunner {
    private CellRunner() {
    }

    public static void main(String[] args) {
        String subject = args[0];
        List<String> scenarios = Arrays.asList(args[1].split(","));
        Budget budget = args[2].equals("quick") ? Budget.QUICK : Budget.FULL;
        Path record = args.length > 3 ? Path.of(args[3]) : null;
        for (String name : scenarios) {
            System.out.println(run(subject, name, budget, record).line());
            System.out.flush();
        }
    }

    private static Cell run(String subjectName, String scenarioName, Budget budget, Path record) {
        Scenario scenario;
        try {
            scenario = Scenarios.named(scenarioName);
        } catch (RuntimeException e) {
            return Cell.skipped(subjectName, scenarioName, "failed: " + e.getMessage());
        }
        String unfit = unfit(subjectName, scenario);
        if (unfit != null) {
            return Cell.skipped(subjectName, scenario.name(), "skipped: " + unfit);
        }
        Subject subject;
        try {
            subject = open(subjectName, record == null ? null
                    : record.resolve(scenario.name() + "." + subjectName.substring(subjectName.indexOf('-') + 1)
                    + ".hktrace"));
        } catch (ConfigurationException | IllegalStateException e) {
            return Cell.skipped(subjectName, scenario.name(), "skipped: " + e.getMessage());
        }
        try (subject) {
            System.gc();
            boolean peakReset = ProcessStats.resetPeak();
            long before = ProcessStats.residentBytes(); // the JVM's own, its heap touched already (ChildJvms)
            Measurement measured = scenario.run(subject, budget);
            Map<String, Long> counters = subject.counters();
            long rss = ProcessStats.residentBytes() - before;
            long highWater = ProcessStats.peakResidentBytes();
            // without the reset, the high-water mark is the JVM's whole life's: not the cell's
            long peak = peakReset && highWater >= 0 ? Math.max(0, highWater - before) : Cell.UNKNOWN;
            return new Cell(subjectName, scenario.name(), "ok", scenario.operation(),
                    scenario.reportsThroughput() ? Cell.THROUGHPUT : Cell.TIME, measured.operations(),
                    measured.samples().median(), measured.samples().p99(), measured.throughput(),
                    measured.minorFaultsPerOperation(), measured.majorFaults(), rss, peak,
                    counters.isEmpty() ? peerPath(subjectName) : Paths.describe(counters),
                    Paths.hitRate(counters, "bigcache"), Paths.hitRate(counters, List.of("tinypool", "midpool")),
                    counters.getOrDefault("os.mmap", 0L), counters.getOrDefault("os.munmap", 0L),
                    counters.getOrDefault("os.madvise", 0L));
        } catch (RuntimeException | OutOfMemoryError e) {
            return Cell.skipped(subjectName, scenario.name(), "failed: " + e);
        }
    }

    /** Why subject {@code name} cannot run {@code scenario}, or null if it can. */
    private static String unfit(String name, Scenario scenario) {
        return switch (name) {
            case "arena" -> scenario.crossThread() ? "a confined arena is closed by its owner only" : null;
            case FloorSubject.NAME -> scenario.multiThreaded() ? "the floor is one thread's bump pointer" : null;
            default -> null;
        };
    }

    /** The subject called {@code name}; a hakmem step records into {@code trace} when it is not null. */
    static Subject open(String name, Path trace) {
        if (name.startsWith("hakmem-")) {
            Step step = Step.named(name.substring("hakmem-".length()));
            return trace == null ? Subjects.hakmem(step) : Subjects.hakmem(step, Map.of("trace.out", trace.toString()));
        }
        return switch (name) {
            case "glibc" -> Subjects.glibc();
            case "jemalloc" -> Subjects.jemalloc();
            case "mimalloc" -> Subjects.mimalloc();
            case "arena" -> Subjects.arena();
            case "netty" -> Subjects.netty();
            case FloorSubject.NAME -> new FloorSubject();
            default -> throw new IllegalArgumentException("Unknown subject " + name);
        };
    }

    private static String peerPath(String name) {
        return switch (name) {
            case "glibc" -> "glibc malloc/free (FFM, critical)";
            case "jemalloc" -> "malloc/free of libjemalloc.so.2 (LD_PRELOADed: " + System.getenv("LD_PRELOAD") + ")";
            case "mimalloc" -> "mi_malloc/mi_free (FFM, critical)";
            case "arena" -> "Arena.ofConfined() per block";
            case "netty" -> "PooledByteBufAllocator.DEFAULT.directBuffer";
            case FloorSubject.NAME -> "not an allocator: slices of one touched 64 MiB segment, started again once none is live";
            default -> name;
        };
    }
}
