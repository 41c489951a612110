package io.hakmem.bench.ablation;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the cells of a study in child JVMs ({@link CellRunner}), with a progress bar: a child per cell, or in a
 * quick run one per subject (its scenarios in turn). A child that fails leaves its cells "failed", and the study
 * goes on.
 *
 * <p>A cell per child JVM, so that no scenario runs on code the JIT compiled for another: in one JVM per subject,
 * tiny-hot after the large-block scenarios measured +BigCache 45 % slower than MINIMAL on blocks that take the same
 * malloc path in both, and alone they are equal.
 */
final class ChildJvms {
    private static final List<Path> JEMALLOC = List.of(Path.of("/usr/lib/x86_64-linux-gnu/libjemalloc.so.2"),
            Path.of("/usr/lib/aarch64-linux-gnu/libjemalloc.so.2"));

    /**
     * The Java heap every child touches before it starts: a heap the JVM grows and touches during a cell costs
     * every subject the same page faults (json-parse's segments: about 1,750 a document for its first twenty or so
     * documents, whichever allocator is under them), which drowned the allocators' differences. The cell reports
     * the resident memory it adds above this ({@link CellRunner}). 768 MiB is touched in a quarter of a second
     * here; 1 GiB took over a second.
     */
    static final String JAVA_HEAP_TOUCHED = "-Xms768m";
    /**
     * Nor does the heap give pages back during a cell: a replay's plan grows the heap before the cell starts, and
     * G1 handing those pages back while the cell runs made the RSS a replay cell added 500 MiB below zero.
     */
    static final String KEEP_JAVA_HEAP = "-XX:MaxHeapFreeRatio=100";

    private ChildJvms() {
    }

    /**
     * Every cell, in rounds when there are several forks (every subject once, then again), so that the machine's
     * slow spells fall on every subject alike rather than on the few measured while they last; each cell is its
     * {@linkplain ForkMedian median fork}, and with more than one fork {@code forks.csv} has them all, numbered.
     */
    static List<Cell> run(Options options, String task) throws IOException, InterruptedException {
        Files.createDirectories(options.out().resolve("logs"));
        if (options.record() != null) {
            Files.createDirectories(options.record());
        }
        Map<String, List<Cell>> forksOfCell = new LinkedHashMap<>();
        StringBuilder everyFork = new StringBuilder();
        int total = options.subjects().size() * options.scenarios().size() * options.forks();
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate().build()) {
            for (int fork = 1; fork <= options.forks(); fork++) {
                int round = fork;
                for (String subject : options.subjects()) {
                    bar.setExtraMessage(subject + (options.forks() > 1 ? ", fork " + fork : ""));
                    for (List<String> scenarios : options.quick() ? List.of(options.scenarios())
                            : options.scenarios().stream().map(List::of).toList()) {
                        runCells(subject, scenarios, options, cell -> {
                            forksOfCell.computeIfAbsent(cell.subject() + "\t" + cell.scenario(),
                                    key -> new ArrayList<>()).add(cell);
                            if (everyFork.isEmpty()) {
                                everyFork.append("fork,").append(Report.csvHeader(cell)).append('\n');
                            }
                            everyFork.append(round).append(',').append(Report.csvRow(cell)).append('\n');
                            bar.step();
                        });
                    }
                }
            }
        }
        if (options.forks() > 1) {
            Files.writeString(options.out().resolve("forks.csv"), everyFork);
        }
        return forksOfCell.values().stream().map(ForkMedian::of).toList();
    }

    /** One child JVM running {@code scenarios} of {@code subject} in turn. */
    private static void runCells(String subject, List<String> scenarios, Options options, Consumer<Cell> sink)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx4g", JAVA_HEAP_TOUCHED, "-XX:+AlwaysPreTouch",
                KEEP_JAVA_HEAP, "-Dio.netty.leakDetection.level=disabled",
                "-cp", System.getProperty("java.class.path"),
                CellRunner.class.getName(), subject, String.join(",", scenarios),
                options.quick() ? "quick" : "full"));
        if (options.record() != null) {
            command.add(options.record().toAbsolutePath().toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(options.out().resolve("logs").resolve(subject + ".log")
                        .toFile()));
        if (subject.equals("jemalloc")) {
            Path library = JEMALLOC.stream().filter(Files::exists).findFirst().orElse(null);
            if (library == null) {
                scenarios.forEach(scenario -> sink.accept(Cell.skipped(subject, scenario,
                        "skipped: libjemalloc.so.2 is not installed (Debian package libjemalloc2)")));
                return;
            }
            builder.environment().put("LD_PRELOAD", library.toString());
        }
        Process process = builder.start();
        int seen = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(Cell.PREFIX)) {
                    sink.accept(Cell.parse(line));
                    seen++;
                }
            }
        }
        int exit = process.waitFor();
        for (String scenario : scenarios.subList(seen, scenarios.size())) {
            sink.accept(Cell.skipped(subject, scenario, "failed: the JVM exited with " + exit + " (see logs/"
                    + subject + ".log)"));
        }
    }
}
