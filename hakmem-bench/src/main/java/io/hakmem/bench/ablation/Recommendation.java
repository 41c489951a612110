package io.hakmem.bench.ablation;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A replay's verdict in one line: the hakmem step that wins on time and the one that wins on peak RSS, each with the
 * counters that explain it (which path served the blocks, hit rates, faults, system calls), and the fastest peer
 * when it beats them.
 */
final class Recommendation {
    private Recommendation() {
    }

    static String line(List<Cell> cells, String scenario) {
        List<Cell> ran = cells.stream().filter(cell -> cell.ok() && cell.scenario().equals(scenario)).toList();
        List<Cell> steps = ran.stream().filter(cell -> cell.subject().startsWith("hakmem-")).toList();
        if (steps.isEmpty()) {
            return "Recommendation: none, no hakmem step ran (see logs/).";
        }
        Comparator<Cell> faster = Comparator.comparingDouble(Recommendation::time);
        Cell fastest = steps.stream().min(faster).orElseThrow();
        Cell smallest = steps.stream().filter(cell -> cell.peakResidentBytes() != Cell.UNKNOWN)
                .min(Comparator.comparingLong(Cell::peakResidentBytes)).orElse(fastest);
        Optional<Cell> glibc = ran.stream().filter(cell -> cell.subject().equals(Charts.GLIBC)).findFirst();
        StringBuilder line = new StringBuilder("Recommendation: ").append(name(fastest)).append(" on time (")
                .append(figure(fastest));
        // a ratio of times either way (a throughput's inverse), said so: "1.33x glibc" read as faster on a larson trace
        glibc.ifPresent(base -> line.append(String.format(Locale.ROOT, ", %.2fx glibc's time",
                Charts.ratio(fastest, base))));
        line.append("; ").append(explain(fastest)).append("); ").append(name(smallest)).append(" on peak RSS (")
                .append(Report.peakMib(smallest));
        if (smallest != fastest) {
            line.append(" against ").append(Report.peakMib(fastest)).append(" for ")
                    .append(name(fastest));
        }
        line.append("; ").append(explain(smallest)).append(")");
        ran.stream().filter(cell -> Options.PEERS.contains(cell.subject())).min(faster)
                .filter(peer -> time(peer) < time(fastest))
                .ifPresent(peer -> line.append("; faster still: ").append(peer.subject()).append(" (")
                        .append(figure(peer)).append(")"));
        return line.append('.').toString();
    }

    /** Lower is better: the median time per operation, or the inverse of the throughput. */
    private static double time(Cell cell) {
        return cell.throughputFirst() ? 1 / cell.throughput() : cell.medianNanos();
    }

    private static String figure(Cell cell) {
        return cell.throughputFirst() ? String.format(Locale.ROOT, "%.2f Mops/s", cell.throughput() / 1e6)
                : Report.time(cell.medianNanos()) + " per " + cell.operation();
    }

    /** A step by its matrix label and, for a toggle step, what it composes: {@code +BigCache (MINIMAL + bigcache)}. */
    private static String name(Cell cell) {
        Step step = Step.named(cell.subject().substring("hakmem-".length()));
        return step.enable().isEmpty() ? step.label()
                : step.label() + " (" + step.mode() + " + " + String.join(" + ", step.enable()) + ")";
    }

    private static String explain(Cell cell) {
        StringBuilder why = new StringBuilder(cell.path());
        if (!Double.isNaN(cell.poolHitRate())) {
            why.append(", pool hits ").append(Report.percent(cell.poolHitRate()));
        }
        if (!Double.isNaN(cell.bigCacheHitRate())) {
            why.append(", BigCache hits ").append(Report.percent(cell.bigCacheHitRate()));
        }
        return why.append(String.format(Locale.ROOT, ", %.3f faults/op, mmap/munmap/madvise %d/%d/%d",
                cell.minorFaultsPerOperation(), cell.mmaps(), cell.munmaps(), cell.madvises())).toString();
    }
}
