package io.hakmem.bench.ablation;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./hakmem replay} end to end, child JVMs and all (two forks a cell), on a small recorded trace; and a damaged
 * one refused.
 */
class ReplayMainTest {
    @TempDir
    static Path dir;
    private static Path trace;

    @BeforeAll
    static void record() throws Exception {
        trace = SmallTrace.record(dir.resolve("small.hktrace"));
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run replay(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ReplayMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aRecordedTraceReplaysOnEveryStepAndPeerAsked() throws Exception {
        Path results = dir.resolve("results");
        Run run = replay(trace.toString(), "--quick", "--forks", "2", "--steps", "minimal,fast", "--peers", "glibc",
                "--out", results.toString());
        assertEquals(0, run.exit(), run.err());
        List<String> rows = Files.readAllLines(results.resolve("results.csv"));
        assertEquals(4, rows.size(), rows::toString);
        List<String> forks = Files.readAllLines(results.resolve("forks.csv"));
        assertEquals(7, forks.size(), "every fork of every cell");
        assertTrue(forks.get(0).startsWith("fork,subject,scenario,"), forks.get(0));
        assertTrue(forks.get(6).startsWith("2,"), forks.get(6));
        for (String row : rows.subList(1, rows.size())) {
            assertTrue(row.contains("\"ok\""), row + "\n" + logs(results));
            assertTrue(row.contains("\"throughput\""), "two threads: throughput first");
        }
        String matrix = Files.readString(results.resolve("matrix.md"));
        assertTrue(matrix.contains("| small.hktrace |"), matrix);
        assertTrue(matrix.contains("median of 2 forks"), matrix);
        assertTrue(matrix.contains("Recommendation: "), matrix);
        assertTrue(run.out().contains("Recommendation: "), run.out());
        assertTrue(run.out().startsWith("Replaying " + trace), run.out());
        for (String chart : List.of("vs-glibc.png", "ns-per-op.png", "peak-rss.png", "faults-per-op.png")) {
            assertTrue(Files.size(results.resolve(chart)) > 0, chart);
        }
    }

    @Test
    void aDamagedTraceIsRefusedAndNothingRuns() throws Exception {
        byte[] bytes = Files.readAllBytes(trace);
        Path cut = Files.write(dir.resolve("cut.hktrace"), Arrays.copyOf(bytes, bytes.length - 3));
        Path results = dir.resolve("refused");
        Run run = replay(cut.toString(), "--quick", "--peers", "glibc", "--out", results.toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("nothing was replayed") && run.err().contains("offset"), run.err());
        assertFalse(Files.exists(results), "no cell ran");
    }

    @Test
    void theCommandLineIsChecked() throws Exception {
        assertEquals(2, replay().exit(), "a trace is needed");
        assertEquals(2, replay(trace.toString(), "--scenarios", "json").exit(), "its one scenario is the trace");
        assertEquals(2, replay(trace.toString(), "--steps", "turbo").exit());
    }

    private static String logs(Path results) throws Exception {
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(results.resolve("logs"))) {
            for (Path log : files.toList()) {
                all.append(log.getFileName()).append(":\n").append(Files.readString(log));
            }
        }
        return all.toString();
    }
}
