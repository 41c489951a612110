package io.hakmem.elo;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.hakmem.elo.spi.BanditFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongBinaryOperator;

/**
 * A deterministic machine for learning tests: each allocation advances a fake clock and fault counter by what
 * its path costs, as a function of (request size, threshold in effect). The selector's probe reads them.
 */
final class SyntheticMachine {
    long nanos;
    long faults;
    long memory = 100 << 20;
    /** (bytes, threshold) -> nanoseconds; faults follow the same function divided by 1000. */
    LongBinaryOperator cost;
    final List<Long> decisions = new ArrayList<>();

    SyntheticMachine(LongBinaryOperator cost) {
        this.cost = cost;
    }

    /** Mapping is cheap for {@code bytes} at or above {@code cheapFrom}, malloc expensive, and vice versa. */
    static LongBinaryOperator mappedIsCheap(long cheap, long dear) {
        return (bytes, threshold) -> bytes >= threshold ? cheap : dear;
    }

    Probe probe() {
        return () -> new Probe.Reading(nanos, faults, memory);
    }

    /** Asks the selector for a decision and "runs" the allocation under it. */
    long allocate(LearningSelector selector, int site, long bytes) {
        long threshold = selector.threshold(site, bytes);
        decisions.add(threshold);
        long spent = cost.applyAsLong(bytes, threshold);
        nanos += spent;
        faults += spent / 1000;
        return threshold;
    }

    static Config config(String overrides) {
        return ConfigFactory.parseString(overrides)
                .withFallback(ConfigFactory.parseString("hakmem { evo-policy = auto, debug = off, large-threshold = 256k }"))
                .withFallback(ConfigFactory.defaultReference(SyntheticMachine.class.getClassLoader()))
                .resolve()
                .getConfig("hakmem");
    }

    LearningSelector selector(String overrides) {
        return selector(overrides, Profile.empty());
    }

    LearningSelector selector(String overrides, Profile profile) {
        EloSettings settings = EloSettings.from(config(overrides));
        BanditFactory bandits = Bandits.find(settings.bandit()).orElseThrow();
        LearningSelector selector = new LearningSelector(settings, bandits, probe(), () -> nanos,
                new EloLog(settings.debug()), profile);
        selector.siteNamed(0, "default");
        return selector;
    }
}
