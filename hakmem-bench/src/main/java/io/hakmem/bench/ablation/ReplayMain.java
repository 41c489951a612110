package io.hakmem.bench.ablation;

import io.hakmem.bench.trace.TraceSummary;
import io.hakmem.modes.trace.TraceFormatException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * {@code ./hakmem replay TRACE [--quick] [--steps ...] [--peers ...] [--out DIR]}: the ablation on a recorded
 * program. The trace is read and checked whole first (nothing is replayed from one that fails a check); then it
 * is one scenario ({@link TraceReplay}) run on every step and peer in child JVMs as the ablation's are, with the
 * same outputs, and a one-line recommendation at the end of {@code matrix.md}.
 */
public final class ReplayMain {
    private ReplayMain() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        Options options;
        try {
            options = Options.parseReplay(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        TraceSummary summary;
        try {
            summary = TraceSummary.read(options.trace());
        } catch (TraceFormatException e) {
            err.println("hakmem replay: " + options.trace() + " is refused, nothing was replayed: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("hakmem replay: " + options.trace() + " cannot be read: " + e);
            return 1;
        }
        out.println("Replaying " + options.trace() + ", " + summary.describe());
        if (summary.end().dropped() > 0) {
            out.println("The trace lacks " + summary.end().dropped() + " dropped events: their blocks are replayed "
                    + "without them.");
        }
        List<Cell> cells = ChildJvms.run(options, "replay");
        Report report = new Report(options, cells);
        report.write();
        String recommendation = Recommendation.line(cells, options.scenarios().getFirst());
        Files.writeString(options.out().resolve("matrix.md"), "\n" + recommendation + "\n",
                StandardOpenOption.APPEND);
        out.println(report.matrix());
        out.println(recommendation);
        out.println("Results: " + options.out().toAbsolutePath());
        return 0;
    }
}
