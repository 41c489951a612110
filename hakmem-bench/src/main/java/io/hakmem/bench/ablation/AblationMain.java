package io.hakmem.bench.ablation;

import java.util.List;

/**
 * The ablation study: every scenario on every measurement step and peer, each cell in a child JVM
 * ({@link ChildJvms}); then the CSV, the Markdown matrix and the charts in the results directory. A quick run
 * starts one JVM per subject (scenarios in turn) to stay within its three minutes.
 */
public final class AblationMain {
    private AblationMain() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        List<Cell> cells = ChildJvms.run(options, "ablation");
        Report report = new Report(options, cells);
        report.write();
        System.out.println(report.matrix());
        if (options.record() != null) {
            System.out.println("Traces: " + options.record().toAbsolutePath() + " (./hakmem replay <trace>)");
        }
        System.out.println("Results: " + options.out().toAbsolutePath());
    }
}
