package io.hakmem.bench.ablation;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a run leaves in its results directory: {@code results.csv} (every cell, every metric),
 * {@code matrix.md} (the comparison matrix of steps and peers, then paths, faults and memory per cell) and the charts.
 */
final class Report {
    private final Options options;
    private final List<Cell> cells;

    Report(Options options, List<Cell> cells) {
        this.options = options;
        this.cells = List.copyOf(cells);
    }

    void write() throws IOException {
        Files.writeString(options.out().resolve("results.csv"), csv(cells));
        Files.writeString(options.out().resolve("matrix.md"), matrix() + "\n" + details());
        Charts.write(options, cells);
    }

    /** One line per cell, every field, quoted. */
    static String csv(List<Cell> cells) {
        StringBuilder csv = new StringBuilder(cells.isEmpty() ? "" : csvHeader(cells.getFirst())).append('\n');
        cells.forEach(cell -> csv.append(csvRow(cell)).append('\n'));
        return csv.toString();
    }

    /** The names of a cell's fields, comma-separated. */
    static String csvHeader(Cell cell) {
        return String.join(",", cell.fields().keySet());
    }

    /** A cell's fields, each quoted. */
    static String csvRow(Cell cell) {
        return cell.fields().values().stream()
                .map(value -> '"' + String.valueOf(value).replace("\"", "'") + '"')
                .collect(Collectors.joining(","));
    }

    /** Rows: scenarios; columns: the steps, then the peers. Median per operation (p99), or throughput. */
    String matrix() {
        List<String> subjects = options.subjects();
        StringBuilder table = new StringBuilder("## Median time per operation (p99); Mops/s: throughput of a "
                + "scenario's threads together (" + (options.quick() ? "quick" : "full") + " run"
                + (options.forks() > 1 ? ", median of " + options.forks() + " forks" : "") + ")\n\n| Scenario |");
        subjects.forEach(subject -> table.append(' ').append(label(subject)).append(" |"));
        table.append("\n|---|").append("---:|".repeat(subjects.size())).append('\n');
        for (String scenario : options.scenarios()) {
            table.append("| ").append(Scenarios.label(scenario)).append(" |");
            for (String subject : subjects) {
                table.append(' ').append(find(subject, scenario).map(Report::value).orElse("")).append(" |");
            }
            table.append('\n');
        }
        return table.toString();
    }

    private String details() {
        StringBuilder table = new StringBuilder("""
                ## Which path served each cell, faults and memory

                | Subject | Scenario | Path (counters) | Minor faults/op | Peak RSS added | RSS added at end | BigCache hits | Pool hits | mmap/munmap/madvise |
                |---|---|---|---:|---:|---:|---:|---:|---|
                """);
        for (Cell cell : cells) {
            if (!cell.ok()) {
                table.append("| ").append(cell.subject()).append(" | ").append(Scenarios.label(cell.scenario()))
                        .append(" | ")
                        .append(cell.status()).append(" | | | | | | |\n");
                continue;
            }
            table.append(String.format(Locale.ROOT, "| %s | %s | %s | %.3f | %s | %s | %s | %s | %d/%d/%d |%n",
                    cell.subject(), Scenarios.label(cell.scenario()), cell.path(), cell.minorFaultsPerOperation(),
                    peakMib(cell), mib(cell.residentBytes()), percent(cell.bigCacheHitRate()),
                    percent(cell.poolHitRate()), cell.mmaps(), cell.munmaps(), cell.madvises()));
        }
        return table.toString();
    }

    private Optional<Cell> find(String subject, String scenario) {
        return cells.stream().filter(c -> c.subject().equals(subject) && c.scenario().equals(scenario)).findFirst();
    }

    static String label(String subject) {
        if (!subject.startsWith("hakmem-")) {
            return subject;
        }
        return Step.named(subject.substring("hakmem-".length())).label();
    }

    private static String value(Cell cell) {
        if (!cell.ok()) {
            return cell.status().startsWith("skipped") ? "n/a" : "failed";
        }
        if (cell.throughputFirst()) {
            return String.format(Locale.ROOT, "%.2f Mops/s", cell.throughput() / 1e6);
        }
        return time(cell.medianNanos()) + " (" + time(cell.p99Nanos()) + ")";
    }

    static String time(double nanos) {
        if (nanos >= 1e6) {
            return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        }
        if (nanos >= 1e3) {
            return String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f ns", nanos);
    }

    /** The cell's peak resident set added, or "n/a" where the kernel would not tell it. */
    static String peakMib(Cell cell) {
        return cell.peakResidentBytes() == Cell.UNKNOWN ? "n/a" : mib(cell.peakResidentBytes());
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
    }

    static String percent(double rate) {
        return Double.isNaN(rate) ? "" : String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    /** Cells by subject then scenario, for the charts. */
    static Map<String, Map<String, Cell>> bySubject(List<Cell> cells) {
        Map<String, Map<String, Cell>> grouped = new LinkedHashMap<>();
        for (Cell cell : cells) {
            grouped.computeIfAbsent(cell.subject(), s -> new LinkedHashMap<>()).put(cell.scenario(), cell);
        }
        return grouped;
    }

    static List<String> subjectsWithResults(List<Cell> cells) {
        List<String> subjects = new ArrayList<>();
        for (Cell cell : cells) {
            if (cell.ok() && !subjects.contains(cell.subject())) {
                subjects.add(cell.subject());
            }
        }
        return subjects;
    }
}
