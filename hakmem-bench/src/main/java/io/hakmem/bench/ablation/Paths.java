package io.hakmem.bench.ablation;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which path served a cell's blocks, from hakmem's counters: TinyPool, MidPool, malloc, or mapped; and the hit
 * rates of BigCache and of the pools. A result that cannot say what served it is not a result (a benchmark that
 * believes it measures a pool while glibc serves every block measures glibc).
 */
final class Paths {
    private Paths() {
    }

    static String describe(Map<String, Long> counters) {
        long all = counters.getOrDefault("allocations", 0L);
        if (all == 0) {
            return "no allocations";
        }
        StringBuilder path = new StringBuilder();
        append(path, "tinypool", counters.getOrDefault("tinypool.hits", 0L), all);
        append(path, "midpool", counters.getOrDefault("midpool.hits", 0L), all);
        append(path, "malloc", counters.getOrDefault("path.malloc", 0L), all);
        append(path, "mapped", counters.getOrDefault("path.mapped", 0L), all);
        return path.toString();
    }

    private static void append(StringBuilder path, String name, long count, long all) {
        if (count > 0) {
            path.append(path.isEmpty() ? "" : ", ")
                    .append(String.format(Locale.ROOT, "%s %.1f%%", name, 100.0 * count / all));
        }
    }

    /** {@code <prefix>.hits / (hits + misses)}, or NaN when the feature keeps no such counters. */
    static double hitRate(Map<String, Long> counters, String prefix) {
        return hitRate(counters, List.of(prefix));
    }

    /** Hits over hits and misses of every feature of {@code prefixes} that keeps them, or NaN when none does. */
    static double hitRate(Map<String, Long> counters, List<String> prefixes) {
        long hits = 0;
        long misses = 0;
        for (String prefix : prefixes) {
            hits += counters.getOrDefault(prefix + ".hits", 0L);
            misses += counters.getOrDefault(prefix + ".misses", 0L);
        }
        return hits + misses == 0 ? Double.NaN : (double) hits / (hits + misses);
    }
}
