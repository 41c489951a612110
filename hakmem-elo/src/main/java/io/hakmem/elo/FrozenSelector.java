package io.hakmem.elo;

import io.hakmem.spi.CounterSink;
import io.hakmem.spi.ThresholdSelector;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The selector of evo-policy {@code frozen} (and {@code off}): every site runs its profile's strategy, or the
 * default threshold; the allocation path is one array read, nothing is counted or sampled. It reports the
 * same counters as the learning selector, the lifecycle ones at 0, so that "nothing was sampled" is a value
 * one can read rather than a counter that is absent.
 */
final class FrozenSelector implements ThresholdSelector {
    private final Profile profile;
    private final long defaultThreshold;
    private final Map<Integer, String> names = new LinkedHashMap<>();
    private volatile long[] thresholds = new long[0];

    FrozenSelector(Profile profile, long defaultThreshold) {
        this.profile = profile;
        this.defaultThreshold = defaultThreshold;
    }

    @Override
    public long threshold(int site, long bytes) {
        return thresholds[site];
    }

    @Override
    public synchronized void siteNamed(int site, String name) {
        long[] grown = Arrays.copyOf(thresholds, Math.max(thresholds.length, site + 1));
        grown[site] = profile.site(name).map(Profile.Entry::threshold).orElse(defaultThreshold);
        names.put(site, name);
        thresholds = grown;
    }

    @Override
    public synchronized void report(CounterSink sink) {
        long[] current = thresholds;
        names.forEach((site, name) -> {
            sink.counter("elo.site." + name + ".threshold", current[site]);
            sink.counter("elo.site." + name + ".phase", Phase.FROZEN.code());
            sink.counter("elo.site." + name + ".samples", 0);
        });
        for (String counter : new String[] {"samples", "rounds", "merged-rounds", "freezes", "relearns", "canary-wins",
                "canary-rollbacks"}) {
            sink.counter("elo." + counter, 0);
        }
    }
}
