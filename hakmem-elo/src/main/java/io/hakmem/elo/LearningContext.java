package io.hakmem.elo;

import io.hakmem.elo.spi.BanditFactory;

import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * What every site's learner shares: settings, strategies, the probe, the clock, counters, the log and the
 * background reporter. {@code learned} is told (cheaply, on the slow path) whenever a site's learned state
 * changed, {@code frozen} when a site froze (from the reporter's thread: to write the profile). Each site
 * draws from its own random source, seeded from {@code hakmem.elo.seed} and its id, so a site's choices do not
 * depend on the others'.
 */
record LearningContext(EloSettings settings, long[] thresholds, Probe probe, LongSupplier clock,
                       BanditFactory bandits, Usage.Weights weights, EloCounters counters, EloLog log,
                       EloReporter reporter, Runnable learned, Runnable frozen) {

    RandomGenerator randomFor(int site) {
        return new SplittableRandom(settings.seed() * 0x9E3779B97F4A7C15L + site);
    }

    /** {@code 1M}, {@code 768K}: a threshold as the log shows it. */
    String size(int strategy) {
        long bytes = thresholds[strategy];
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + "M" : (bytes >> 10) + "K";
    }
}
