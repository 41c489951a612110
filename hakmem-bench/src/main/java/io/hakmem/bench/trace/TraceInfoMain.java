package io.hakmem.bench.trace;

import io.hakmem.modes.trace.TraceFormatException;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./hakmem trace-info TRACE [--out DIR]}: what a trace holds (events, threads, sites with their size
 * histograms, dropped events) and a chart of the live bytes over time, {@code <trace>-live-bytes.png} beside the
 * trace or in DIR.
 */
public final class TraceInfoMain {
    static final String USAGE = "usage: ./hakmem trace-info TRACE [--out DIR]";
    /** The chart shows at most this many points: the peak of each group of steps. */
    private static final int POINTS = 2000;

    private TraceInfoMain() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        Path trace = null;
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out") && i + 1 < args.length) {
                dir = Path.of(args[++i]);
            } else if (trace == null && !args[i].startsWith("-")) {
                trace = Path.of(args[i]);
            } else {
                err.println(USAGE);
                return 2;
            }
        }
        if (trace == null) {
            err.println(USAGE);
            return 2;
        }
        TraceSummary summary;
        try {
            summary = TraceSummary.read(trace);
        } catch (TraceFormatException e) {
            err.println("hakmem trace-info: " + trace + " is refused: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("hakmem trace-info: " + trace + " cannot be read: " + e);
            return 1;
        }
        out.println(trace + " (" + TraceSummary.bytes(Files.size(trace)) + ", version " + summary.header().version()
                + ")");
        out.println(summary.describe());
        out.println();
        out.println("Threads:");
        summary.threads().forEach((id, counts) -> out.printf(Locale.ROOT, "  %3d %-30s %,12d allocations %,12d frees%n",
                id, counts.name, counts.allocations, counts.frees));
        out.println("Sites (sizes: how many blocks up to each power of two):");
        for (Map.Entry<Integer, TraceSummary.Counts> site : summary.sites().entrySet()) {
            TraceSummary.Counts counts = site.getValue();
            out.printf(Locale.ROOT, "  %3d %-30s %,12d allocations, %s%n", site.getKey(), counts.name,
                    counts.allocations, TraceSummary.bytes(counts.bytes));
            out.println("      " + histogram(counts.sizes));
        }
        long[] live = summary.liveBytes();
        int peakAt = 0;
        for (int i = 0; i < live.length; i++) {
            peakAt = live[i] > live[peakAt] ? i : peakAt;
        }
        out.printf(Locale.ROOT, "Live: peak %s at %.3f s, %s at the end%n", TraceSummary.bytes(live[peakAt]),
                peakAt * summary.stepNanos() / 1e9, TraceSummary.bytes(live[live.length - 1]));
        Path chart = (dir == null ? trace.toAbsolutePath().getParent() : dir)
                .resolve(trace.getFileName().toString().replaceFirst("\\.hktrace$", "") + "-live-bytes.png");
        Files.createDirectories(chart.getParent());
        chart(live, summary.stepNanos(), trace.getFileName().toString(), chart);
        out.println("Chart: " + chart);
        return 0;
    }

    /** {@code <=16 B: 1,200  <=32 B: 800 ...}: the non-empty buckets. */
    static String histogram(long[] buckets) {
        StringBuilder line = new StringBuilder();
        for (int b = 0; b < buckets.length; b++) {
            if (buckets[b] > 0) {
                line.append(line.isEmpty() ? "" : "  ").append("<=").append(TraceSummary.bytes(1L << b)).append(": ")
                        .append(String.format(Locale.ROOT, "%,d", buckets[b]));
            }
        }
        return line.toString();
    }

    private static void chart(long[] live, long stepNanos, String title, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int group = Math.max(1, (live.length + POINTS - 1) / POINTS);
        int points = (live.length + group - 1) / group;
        double[] seconds = new double[points];
        double[] mib = new double[points];
        for (int p = 0; p < points; p++) {
            long peak = 0;
            for (int i = p * group; i < Math.min(live.length, (p + 1) * group); i++) {
                peak = Math.max(peak, live[i]);
            }
            seconds[p] = p * group * stepNanos / 1e9;
            mib[p] = peak / 1048576.0;
        }
        XYChart chart = new XYChartBuilder().width(1200).height(500).title("Live bytes over time: " + title)
                .xAxisTitle("seconds since the start of the recording").yAxisTitle("MiB live").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        chart.addSeries("live", seconds, mib);
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
