package io.hakmem.bench.ablation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One cell of the matrix: a subject on a scenario. Travels from the child JVM to the runner as one line,
 * {@code CELL<TAB>key=value<TAB>...}.
 *
 * @param status    "ok", or why the cell has no numbers ("skipped: ...", "failed: ...")
 * @param measure   its first figure: "time" (the median per operation) or "throughput" (of its threads together)
 * @param path      which path served the blocks (hakmem's counters), or what the peer is
 * @param residentBytes     the resident set at the end of the cell less the JVM's at its start (negative when the
 *                          cell gave back memory an earlier cell of the same JVM had left resident)
 * @param peakResidentBytes the peak resident set during the cell less the JVM's at its start, or {@link #UNKNOWN}
 */
record Cell(String subject, String scenario, String status, String operation, String measure, long operations,
            double medianNanos, double p99Nanos, double throughput, double minorFaultsPerOperation,
            long majorFaults, long residentBytes, long peakResidentBytes, String path,
            double bigCacheHitRate, double poolHitRate, long mmaps, long munmaps, long madvises) {

    static final String PREFIX = "CELL\t";
    /** A peak resident set the kernel would not tell ({@code peakResidentBytes}). */
    static final long UNKNOWN = -1;
    static final String TIME = "time";
    static final String THROUGHPUT = "throughput";

    static Cell skipped(String subject, String scenario, String why) {
        return new Cell(subject, scenario, why, "op", TIME, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0,
                "", Double.NaN, Double.NaN, 0, 0, 0);
    }

    boolean ok() {
        return status.equals("ok");
    }

    boolean throughputFirst() {
        return measure.equals(THROUGHPUT);
    }

    String line() {
        Map<String, Object> fields = fields();
        StringBuilder line = new StringBuilder(PREFIX);
        fields.forEach((key, value) -> line.append(key).append('=')
                .append(String.valueOf(value).replace('\t', ' ').replace('\n', ' ')).append('\t'));
        return line.toString();
    }

    Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("subject", subject);
        fields.put("scenario", scenario);
        fields.put("status", status);
        fields.put("operation", operation);
        fields.put("measure", measure);
        fields.put("operations", operations);
        fields.put("median_ns", medianNanos);
        fields.put("p99_ns", p99Nanos);
        fields.put("throughput_ops_s", throughput);
        fields.put("minor_faults_per_op", minorFaultsPerOperation);
        fields.put("major_faults", majorFaults);
        fields.put("rss_added_end_bytes", residentBytes);
        fields.put("rss_added_peak_bytes", peakResidentBytes);
        fields.put("path", path);
        fields.put("bigcache_hit_rate", bigCacheHitRate);
        fields.put("pool_hit_rate", poolHitRate);
        fields.put("mmap", mmaps);
        fields.put("munmap", munmaps);
        fields.put("madvise", madvises);
        return fields;
    }

    static Cell parse(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : line.substring(PREFIX.length()).split("\t")) {
            int equals = field.indexOf('=');
            if (equals > 0) {
                fields.put(field.substring(0, equals), field.substring(equals + 1));
            }
        }
        return new Cell(fields.get("subject"), fields.get("scenario"), fields.get("status"), fields.get("operation"),
                fields.get("measure"),
                Long.parseLong(fields.get("operations")), Double.parseDouble(fields.get("median_ns")),
                Double.parseDouble(fields.get("p99_ns")), Double.parseDouble(fields.get("throughput_ops_s")),
                Double.parseDouble(fields.get("minor_faults_per_op")), Long.parseLong(fields.get("major_faults")),
                Long.parseLong(fields.get("rss_added_end_bytes")), Long.parseLong(fields.get("rss_added_peak_bytes")),
                fields.get("path"), Double.parseDouble(fields.get("bigcache_hit_rate")),
                Double.parseDouble(fields.get("pool_hit_rate")), Long.parseLong(fields.get("mmap")),
                Long.parseLong(fields.get("munmap")), Long.parseLong(fields.get("madvise")));
    }
}
