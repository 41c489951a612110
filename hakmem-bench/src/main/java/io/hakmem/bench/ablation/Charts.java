package io.hakmem.bench.ablation;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The charts of a run, drawn with XChart: time per operation, peak RSS and page faults, by scenario and step. */
final class Charts {
    private Charts() {
    }

    static void write(Options options, List<Cell> cells) throws IOException {
        System.setProperty("java.awt.headless", "true");
        chart(options, cells, "ns-per-op", "Median time per operation (log scale)", "ns/op", true,
                Cell::medianNanos);
        chart(options, cells, "peak-rss", "Peak resident set during the cell", "MiB", false,
                cell -> cell.peakResidentBytes() / 1048576.0);
        chart(options, cells, "faults-per-op", "Minor page faults per operation (measured phase)", "faults/op", false,
                Cell::minorFaultsPerOperation);
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
            chart.addSeries(Report.label(subject), scenarios, values);
        }
        if (logarithmic && smallest < Double.POSITIVE_INFINITY) {
            // A missing bar would otherwise pull the axis to 0, which a logarithmic axis cannot show.
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(smallest))));
        }
        BitmapEncoder.saveBitmap(chart, options.out().resolve(file).toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
