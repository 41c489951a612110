package io.hakmem.bench.ablation;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The charts of a run, drawn with XChart: first each subject's time relative to glibc's, then time per operation,
 * peak RSS and page faults, by scenario and subject.
 */
final class Charts {
    static final String GLIBC = "glibc";

    private Charts() {
    }

    static void write(Options options, List<Cell> cells) throws IOException {
        System.setProperty("java.awt.headless", "true");
        relativeToGlibc(options, cells);
        chart(options, cells, "ns-per-op", "Median time per operation (log scale)", "ns/op", true,
                Cell::medianNanos);
        chart(options, cells, "peak-rss", "Peak resident set the cell added to the JVM's", "MiB", false,
                cell -> cell.peakResidentBytes() == Cell.UNKNOWN ? Double.NaN : cell.peakResidentBytes() / 1048576.0);
        chart(options, cells, "faults-per-op", "Minor page faults per operation (measured phase)", "faults/op", false,
                Cell::minorFaultsPerOperation);
    }

    /**
     * {@code vs-glibc.png}: per scenario, each subject's time over glibc's (glibc = 1.0, lower is better), the
     * ratio printed on its bar. A throughput scenario is inverted (glibc's throughput over the subject's), so that
     * lower is better there too, and says so. The axis is logarithmic: MINIMAL maps every vm block and is hundreds
     * of times glibc there, which on a linear axis flattens every other bar. Not drawn without a glibc column.
     */
    private static void relativeToGlibc(Options options, List<Cell> cells) throws IOException {
        Map<String, Map<String, Cell>> bySubject = Report.bySubject(cells);
        Map<String, Cell> glibc = bySubject.getOrDefault(GLIBC, Map.of());
        List<String> scenarios = new ArrayList<>();
        List<String> categories = new ArrayList<>();
        for (String scenario : options.scenarios()) {
            Cell base = glibc.get(scenario);
            if (base != null && base.ok()) {
                scenarios.add(scenario);
                categories.add(Scenarios.label(scenario) + (base.throughputFirst() ? " (throughput, inverted)" : ""));
            }
        }
        if (scenarios.isEmpty()) {
            return;
        }
        CategoryChart chart = new CategoryChartBuilder().width(1400).height(650)
                .title("Time relative to glibc (glibc = 1.0, lower is better; log scale)")
                .xAxisTitle("scenario").yAxisTitle("x glibc").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setAvailableSpaceFill(0.9);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsRotation(90);
        chart.getStyler().setLabelsFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
        chart.getStyler().setLabelsFontColor(Color.BLACK);
        chart.getStyler().setYAxisDecimalPattern("0.00");
        chart.getStyler().setYAxisLogarithmic(true);
        double smallest = 1;
        double largest = 1;
        for (String subject : Report.subjectsWithResults(cells)) {
            if (subject.equals(GLIBC)) {
                continue;
            }
            List<Number> ratios = new ArrayList<>();
            boolean any = false;
            for (String scenario : scenarios) {
                Cell cell = bySubject.get(subject).get(scenario);
                double ratio = cell == null || !cell.ok() ? Double.NaN : ratio(cell, glibc.get(scenario));
                any |= !Double.isNaN(ratio);
                ratios.add(Double.isNaN(ratio) ? null : ratio);
                smallest = Double.isNaN(ratio) ? smallest : Math.min(smallest, ratio);
                largest = Double.isNaN(ratio) ? largest : Math.max(largest, ratio);
            }
            if (any) {
                chart.addSeries(Report.label(subject), categories, ratios);
            }
        }
        // Whole decades around every bar, so that 1.0 is a grid line and no bar starts at the edge.
        chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(smallest) - 1e-9)));
        chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(largest) + 1e-9)));
        if (!chart.getSeriesMap().isEmpty()) {
            BitmapEncoder.saveBitmap(chart, options.out().resolve("vs-glibc").toString(),
                    BitmapEncoder.BitmapFormat.PNG);
        }
    }

    /** The subject's time as a multiple of glibc's: lower is better, for throughput too. */
    static double ratio(Cell cell, Cell glibc) {
        double ratio = cell.throughputFirst() ? glibc.throughput() / cell.throughput()
                : cell.medianNanos() / glibc.medianNanos();
        return Double.isFinite(ratio) && ratio > 0 ? ratio : Double.NaN;
    }

    private static void chart(Options options, List<Cell> cells, String file, String title, String axis,
                              boolean logarithmic, ToDoubleFunction<Cell> metric) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(1400).height(650).title(title)
                .xAxisTitle("scenario").yAxisTitle(axis).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisLogarithmic(logarithmic);
        chart.getStyler().setAvailableSpaceFill(0.9);
        Map<String, Map<String, Cell>> bySubject = Report.bySubject(cells);
        List<String> scenarios = options.scenarios();
        List<String> labels = scenarios.stream().map(Scenarios::label).toList();
        double smallest = Double.POSITIVE_INFINITY;
        for (String subject : Report.subjectsWithResults(cells)) {
            List<Number> values = new ArrayList<>();
            for (String scenario : scenarios) {
                Cell cell = bySubject.get(subject).get(scenario);
                double value = cell == null || !cell.ok() ? Double.NaN : metric.applyAsDouble(cell);
                boolean missing = Double.isNaN(value) || (logarithmic && value <= 0);
                values.add(missing ? null : value);
                smallest = missing ? smallest : Math.min(smallest, value);
            }
            chart.addSeries(Report.label(subject), labels, values);
        }
        if (logarithmic && smallest < Double.POSITIVE_INFINITY) {
            // A missing bar would otherwise pull the axis to 0, which a logarithmic axis cannot show.
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(smallest))));
        }
        BitmapEncoder.saveBitmap(chart, options.out().resolve(file).toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
