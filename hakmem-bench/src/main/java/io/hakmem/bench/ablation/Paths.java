package io.hakmem.bench.ablation;

import java.util.Locale;
import java.util.Map;

/**
 * Which path served a cell's blocks, from hakmem's counters: the small tier (allocations the core did not
 * count), malloc, or mapped; and the hit rates of BigCache and the pool. A result that cannot say what served
 * it is not a result (the original once measured glibc believing it measured its pool).
 */
final class Paths {
    private Paths() {
    }

    static String describe(Map<String, Long> counters) {
        long all = counters.getOrDefault("allocations", 0L);
        if (all == 0) {
            return "no allocations";
        }
        long malloc = counters.getOrDefault("path.malloc", 0L);
        long mapped = counters.getOrDefault("path.mapped", 0L);
        long small = all - malloc - mapped;
        StringBuilder path = new StringBuilder();
        append(path, "small tier", small, all);
        append(path, "malloc", malloc, all);
        append(path, "mapped", mapped, all);
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
        Long hits = counters.get(prefix + ".hits");
        Long misses = counters.get(prefix + ".misses");
        if (hits == null || misses == null || hits + misses == 0) {
            return Double.NaN;
        }
        return (double) hits / (hits + misses);
    }
}
