package io.hakmem.elo;

import com.typesafe.config.Config;
import io.hakmem.spi.Settings;

import java.util.Arrays;
import java.util.stream.LongStream;

/**
 * The strategies ELO chooses among: large-block thresholds, ascending, page-aligned, at most {@link #MAX}
 * (a site remembers which it has played in one {@code long}).
 */
final class Strategies {
    static final int MAX = 64;
    private static final long PAGE = 4096;

    private Strategies() {
    }

    static long[] thresholds(Config hakmem) {
        long min = Settings.bytes(hakmem, "elo.strategies.min");
        long max = Settings.bytes(hakmem, "elo.strategies.max");
        int count = Settings.atLeast(hakmem, "elo.strategies.count", 1);
        if (min < PAGE || max < min) {
            throw Settings.bad("elo.strategies", "min " + min + ", max " + max, "4k <= min <= max");
        }
        LongStream geometric = LongStream.range(0, count)
                .map(i -> count == 1 ? min : Math.round(min * Math.pow((double) max / min, (double) i / (count - 1))));
        LongStream extra = hakmem.getBytesList("elo.strategies.extra").stream().mapToLong(Long::longValue);
        // The configured threshold is where a frozen site without a profile runs: a learning one starts there.
        long large = Settings.bytes(hakmem, "large-threshold");
        LongStream configured = Settings.bool(hakmem, "elo.strategies.include-large-threshold") && large > 0
                ? LongStream.of(large) : LongStream.empty();
        long[] thresholds = LongStream.concat(LongStream.concat(geometric, extra), configured)
                .map(bytes -> (bytes + PAGE - 1) & -PAGE)
                .sorted().distinct().toArray();
        if (thresholds[0] <= 0) {
            throw Settings.bad("elo.strategies.extra", Arrays.toString(thresholds), "sizes > 0");
        }
        if (thresholds.length > MAX) {
            throw Settings.bad("elo.strategies", thresholds.length + " strategies", "at most " + MAX);
        }
        return thresholds;
    }

    /** The strategy whose threshold is nearest {@code bytes} (for a default or a profile's threshold). */
    static int nearest(long[] thresholds, long bytes) {
        int best = 0;
        for (int i = 1; i < thresholds.length; i++) {
            if (Math.abs(thresholds[i] - bytes) < Math.abs(thresholds[best] - bytes)) {
                best = i;
            }
        }
        return best;
    }

    /** The index of the strategy whose threshold is exactly {@code bytes}, or -1. */
    static int indexOf(long[] thresholds, long bytes) {
        int at = Arrays.binarySearch(thresholds, bytes);
        return at >= 0 ? at : -1;
    }
}
