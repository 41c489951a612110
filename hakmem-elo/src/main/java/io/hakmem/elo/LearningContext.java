package io.hakmem.elo;

import io.hakmem.elo.spi.BanditFactory;

import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * What every site's learner shares: settings, strategies, the probe, the clock, counters and the log;
 * {@code onFreeze} is told when a site freezes (to write the profile). Each site draws from its own random
 * source, seeded from {@code hakmem.elo.seed} and its id, so a site's choices do not depend on the others'.
 */
record LearningContext(EloSettings settings, long[] thresholds, Probe probe, LongSupplier clock,
                       BanditFactory bandits, Usage.Weights weights, EloCounters counters, EloLog log,
                       Runnable onFreeze) {

    RandomGenerator randomFor(int site) {
        return new SplittableRandom(settings.seed() * 0x9E3779B97F4A7C15L + site);
    }
}
