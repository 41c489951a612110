package io.hakmem.elo;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.hakmem.elo.spi.BanditFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongBinaryOperator;

/**
 * A deterministic machine for learning tests: each allocation advances a fake clock and fault counter by what
 * its path costs, as a function of (request size, threshold in effect). The selector's probe reads them, and
 * its sampler is seeded, so a single-threaded run is exact. Several threads may allocate at once (the clock is
 * atomic); with {@link #threadLocalSampling()} they sample as in production.
 */
final class SyntheticMachine {
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicLong faults = new AtomicLong();
    long memory = 100 << 20;
    /** (bytes, threshold) -> nanoseconds; faults follow the same function divided by 1000. */
    volatile LongBinaryOperator cost;
    /** Thresholds decided, in order (single-threaded runs; several threads keep their own). */
    final List<Long> decisions = new ArrayList<>();
    private boolean recording = true;
    private Sampler sampler = seeded(1);
    private System.Logger logger = System.getLogger("io.hakmem.elo");

    SyntheticMachine(LongBinaryOperator cost) {
        this.cost = cost;
    }

    /** Mapping is cheap for {@code bytes} at or above the threshold, malloc expensive. */
    static LongBinaryOperator mappedIsCheap(long cheap, long dear) {
        return (bytes, threshold) -> bytes >= threshold ? cheap : dear;
    }

    /** Sampling as in production, from each thread's own random numbers. */
    SyntheticMachine threadLocalSampling() {
        sampler = Sampler.THREAD_LOCAL;
        recording = false;
        return this;
    }

    /** ELO's log goes to {@code logger}. */
    SyntheticMachine logTo(System.Logger logger) {
        this.logger = logger;
        return this;
    }

    static Sampler seeded(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return every -> random.nextInt(every) == 0;
    }

    Probe probe() {
        return () -> new Probe.Reading(nanos.get(), faults.get(), memory);
    }

    long nanos() {
        return nanos.get();
    }

    /** Lets {@code elapsed} nanoseconds pass without an allocation (time-based windows). */
    void sleep(long elapsed) {
        nanos.addAndGet(elapsed);
    }

    /** Asks the selector for a decision and "runs" the allocation under it. */
    long allocate(LearningSelector selector, int site, long bytes) {
        long threshold = selector.threshold(site, bytes);
        if (recording) {
            decisions.add(threshold);
        }
        long spent = cost.applyAsLong(bytes, threshold);
        nanos.addAndGet(spent);
        faults.addAndGet(spent / 1000);
        return threshold;
    }

    static Config config(String overrides) {
        return ConfigFactory.parseString(overrides)
                .withFallback(ConfigFactory.parseString(
                        "hakmem { evo-policy = auto, debug = off, large-threshold = 256k, elo.profile-out = \"\" }"))
                .withFallback(ConfigFactory.defaultReference(SyntheticMachine.class.getClassLoader()))
                .resolve()
                .getConfig("hakmem");
    }

    static long[] strategies() {
        return EloSettings.from(config("")).thresholds();
    }

    LearningSelector selector(String overrides) {
        return selector(overrides, Profile.empty());
    }

    LearningSelector selector(String overrides, Profile profile) {
        EloSettings settings = EloSettings.from(config(overrides));
        BanditFactory bandits = Bandits.find(settings.bandit()).orElseThrow();
        LearningSelector selector = new LearningSelector(settings, bandits, probe(), this::nanos, sampler,
                new EloLog(settings.debug(), logger), profile);
        selector.siteNamed(0, "default");
        return selector;
    }

    static Map<String, Long> counters(LearningSelector selector) {
        Map<String, Long> counters = new HashMap<>();
        selector.report(counters::put);
        return counters;
    }

    /** The counter, which must exist. */
    static long counter(LearningSelector selector, String name) {
        Long value = counters(selector).get(name);
        if (value == null) {
            throw new AssertionError("no counter " + name + " in " + counters(selector));
        }
        return value;
    }
}
