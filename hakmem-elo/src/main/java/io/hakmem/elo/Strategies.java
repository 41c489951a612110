package io.hakmem.elo;

import com.typesafe.config.Config;
import io.hakmem.spi.Settings;

import java.util.Arrays;
import java.util.stream.LongStream;

/** The strategies ELO chooses among: large-block thresholds, ascending, page-aligned. */
final class Strategies {
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
        long[] thresholds = LongStream.concat(geometric, extra)
                .map(bytes -> (bytes + PAGE - 1) & -PAGE)
                .sorted().distinct().toArray();
        if (thresholds[0] <= 0) {
            throw Settings.bad("elo.strategies.extra", Arrays.toString(thresholds), "sizes > 0");
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
}
