package io.hakmem.elo;

import io.hakmem.elo.spi.BanditFactory;
import io.hakmem.spi.CounterSink;
import io.hakmem.spi.ThresholdSelector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The selector of the learning policies (learn, canary, auto). The allocation path costs a field read and,
 * for requests in the learnable range only (between the smallest and the largest strategy: elsewhere every
 * strategy decides alike), one decrement; rounds, windows and rating updates run on {@link SiteLearner#tick},
 * once per {@code min-samples} learnable allocations (or {@code sample-every} when frozen).
 */
final class LearningSelector implements ThresholdSelector {
    private final LearningContext context;
    private final Profile profile;
    private final long learnFrom;
    private final long learnTo;
    private volatile SiteLearner[] learners = new SiteLearner[0];

    LearningSelector(EloSettings settings, BanditFactory bandits, Probe probe, LongSupplier clock, EloLog log,
                     Profile profile) {
        this.context = new LearningContext(settings, settings.thresholds(), probe, clock, bandits,
                new Usage.Weights(settings.cpuWeight(), settings.faultsWeight(), settings.memoryWeight()),
                new EloCounters(), log, this::saveProfileQuietly);
        this.profile = profile;
        long[] thresholds = context.thresholds();
        this.learnFrom = thresholds[0];
        this.learnTo = thresholds[thresholds.length - 1];
    }

    @Override
    public long threshold(int site, long bytes) {
        SiteLearner learner = learners[site];
        if (bytes >= learnFrom && bytes < learnTo && --learner.countdown <= 0) {
            learner.tick(bytes);
        }
        return learner.threshold;
    }

    @Override
    public synchronized void siteNamed(int site, String name) {
        SiteLearner[] current = learners;
        if (site < current.length && current[site] != null) {
            return;
        }
        SiteLearner learner = profile.site(name)
                .map(entry -> fromProfile(site, name, entry))
                .orElseGet(() -> new SiteLearner(site, name, context, initialPhase(), defaultArm(), null));
        SiteLearner[] grown = Arrays.copyOf(current, Math.max(current.length, site + 1));
        grown[site] = learner;
        learners = grown;
    }

    private SiteLearner fromProfile(int site, String name, Profile.Entry entry) {
        int arm = Strategies.nearest(context.thresholds(), entry.threshold());
        // A learned profile runs frozen, "learn in staging, run frozen in production", unless the policy is
        // to keep learning; then its scores are where learning resumes.
        Phase start = switch (context.settings().evoPolicy()) {
            case "learn" -> Phase.LEARN;
            case "canary" -> Phase.CANARY;
            default -> Phase.FROZEN;
        };
        return new SiteLearner(site, name, context, start, arm, entry.scores());
    }

    private Phase initialPhase() {
        return context.settings().evoPolicy().equals("canary") ? Phase.CANARY : Phase.LEARN;
    }

    private int defaultArm() {
        return Strategies.nearest(context.thresholds(), context.settings().defaultThreshold());
    }

    /** What every site has learned, for the profile. */
    Profile learned() {
        Map<String, Profile.Entry> sites = new LinkedHashMap<>();
        for (SiteLearner learner : learners) {
            if (learner != null) {
                SiteLearner.Snapshot snapshot = learner.snapshot();
                sites.put(learner.name, new Profile.Entry(context.thresholds()[snapshot.best()], snapshot.phase(),
                        snapshot.scores()));
            }
        }
        return new Profile(sites);
    }

    /** Writes the profile to {@code hakmem.elo.profile-out}, if set. */
    void saveProfile() {
        String out = context.settings().profileOut();
        if (out.isEmpty()) {
            return;
        }
        try {
            learned().write(Path.of(out), context.settings().bandit(), context.thresholds());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the ELO profile " + out, e);
        }
    }

    private void saveProfileQuietly() {
        try {
            saveProfile();
        } catch (UncheckedIOException e) {
            context.log().warn(e.getMessage() + ": " + e.getCause());
        }
    }

    @Override
    public void close() {
        saveProfileQuietly();
    }

    @Override
    public void report(CounterSink sink) {
        EloCounters counters = context.counters();
        sink.counter("elo.rounds", counters.rounds.get());
        sink.counter("elo.freezes", counters.freezes.get());
        sink.counter("elo.relearns", counters.relearns.get());
        sink.counter("elo.canary-wins", counters.canaryWins.get());
        sink.counter("elo.canary-rollbacks", counters.canaryRollbacks.get());
        for (SiteLearner learner : learners) {
            if (learner != null) {
                SiteLearner.Snapshot snapshot = learner.snapshot();
                sink.counter("elo.site." + learner.name + ".threshold", context.thresholds()[snapshot.best()]);
                sink.counter("elo.site." + learner.name + ".phase", snapshot.phase().ordinal());
            }
        }
    }
}
