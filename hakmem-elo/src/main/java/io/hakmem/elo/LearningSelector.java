package io.hakmem.elo;

import io.hakmem.elo.spi.BanditFactory;
import io.hakmem.spi.CounterSink;
import io.hakmem.spi.ProfileWriter;
import io.hakmem.spi.ThresholdSelector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The selector of the learning policies (learn, canary, auto). The allocation path reads the site's
 * {@link SiteDecision} from an array slot and, for requests in the learnable range only (between the smallest
 * and the largest strategy: elsewhere every strategy decides alike), draws a thread-local random number; 1 in
 * {@code sample-every} goes to the site's slow path ({@link SiteLearner#sample}). No lock, no shared write and
 * no allocation on the path otherwise.
 *
 * <p>What was learned is written to {@code hakmem.elo.profile-out} once something was: after a site freezes
 * (on the reporter's thread), on {@link #trim}, on {@link #close} and on demand ({@link #saveProfile}).
 */
final class LearningSelector implements ThresholdSelector, ProfileWriter {
    private final LearningContext context;
    private final Profile profile;
    private final Sampler sampler;
    private final long learnFrom;
    private final long learnTo;
    private volatile SiteDecision[] decisions = new SiteDecision[0];
    /** Something was learned since the profile was last written; set on the slow path only. */
    private volatile boolean changed;

    LearningSelector(EloSettings settings, BanditFactory bandits, Probe probe, LongSupplier clock, Sampler sampler,
                     EloLog log, Profile profile) {
        this.context = new LearningContext(settings, settings.thresholds(), probe, clock, bandits,
                new Usage.Weights(settings.cpuWeight(), settings.faultsWeight(), settings.memoryWeight()),
                new EloCounters(), log, new EloReporter(), this::markChanged, this::saveIfChanged);
        this.profile = profile;
        this.sampler = sampler;
        long[] thresholds = context.thresholds();
        this.learnFrom = thresholds[0];
        this.learnTo = thresholds[thresholds.length - 1];
    }

    @Override
    public long threshold(int site, long bytes) {
        SiteDecision decision = decisions[site];
        if (bytes >= learnFrom && bytes < learnTo && sampler.sample(decision.sampleEvery)) {
            decision.learner.sample(bytes);
        }
        return decision.threshold;
    }

    @Override
    public synchronized void siteNamed(int site, String name) {
        SiteDecision[] current = decisions;
        if (site < current.length && current[site] != null) {
            return;
        }
        SiteLearner learner = profile.site(name)
                .map(entry -> fromProfile(site, name, entry))
                .orElseGet(() -> new SiteLearner(site, name, context, initialPhase(), defaultArm(), null));
        SiteDecision[] grown = Arrays.copyOf(current, Math.max(current.length, site + 1));
        grown[site] = learner.decision;
        decisions = grown;
    }

    private SiteLearner fromProfile(int site, String name, Profile.Entry entry) {
        int arm = Strategies.indexOf(context.thresholds(), entry.threshold());
        // A learned profile runs frozen, "learn in staging, run frozen in production", unless the policy is
        // to keep learning; then its scores are where learning resumes.
        Phase start = switch (context.settings().evoPolicy()) {
            case "learn" -> Phase.LEARN;
            case "canary" -> Phase.CANARY;
            default -> Phase.FROZEN;
        };
        return new SiteLearner(site, name, context, start, arm < 0 ? defaultArm() : arm, entry.scores());
    }

    /** canary starts frozen on the default, trying challengers; learn and auto start learning. */
    private Phase initialPhase() {
        return context.settings().evoPolicy().equals("canary") ? Phase.CANARY : Phase.LEARN;
    }

    private int defaultArm() {
        return Strategies.nearest(context.thresholds(), context.settings().defaultThreshold());
    }

    private void markChanged() {
        if (!changed) {
            changed = true;
        }
    }

    /** What every site has learned, for the profile. */
    Profile learned() {
        Map<String, Profile.Entry> sites = new LinkedHashMap<>();
        for (SiteDecision decision : decisions) {
            if (decision != null) {
                SiteLearner.Snapshot snapshot = decision.learner.snapshot();
                sites.put(decision.learner.name, new Profile.Entry(context.thresholds()[snapshot.best()],
                        snapshot.phase(), snapshot.scores()));
            }
        }
        return new Profile(sites);
    }

    /** Writes the profile to {@code hakmem.elo.profile-out} now, on the caller's thread. */
    @Override
    public synchronized Path saveProfile() {
        String out = context.settings().profileOut();
        if (out.isEmpty()) {
            throw new IllegalStateException("No ELO profile destination: hakmem.elo.profile-out is empty");
        }
        Path file = Path.of(out).toAbsolutePath();
        changed = false;
        try {
            learned().write(file, context.settings().bandit(), context.thresholds());
        } catch (IOException e) {
            changed = true;
            throw new UncheckedIOException("Could not write the ELO profile " + file, e);
        }
        if (context.log().phases()) {
            context.log().info("ELO profile written to " + file);
        }
        return file;
    }

    /** Writes the profile if something was learned since the last write and there is a destination. */
    private void saveIfChanged() {
        if (!changed || context.settings().profileOut().isEmpty()) {
            return;
        }
        try {
            saveProfile();
        } catch (UncheckedIOException e) {
            context.log().warn(e.getMessage() + ": " + e.getCause());
        }
    }

    /** {@code Hakmem.trim()}: also a moment to write the profile, off the allocation path. */
    @Override
    public void trim(long keepBytes) {
        saveIfChanged();
    }

    @Override
    public void close() {
        context.reporter().flush();
        saveIfChanged();
    }

    /** Runs the queued log lines, JFR events and profile writes now (tests). */
    void flushReports() {
        context.reporter().flush();
    }

    @Override
    public void report(CounterSink sink) {
        EloCounters counters = context.counters();
        long samples = 0;
        for (SiteDecision decision : decisions) {
            if (decision != null) {
                SiteLearner.Snapshot snapshot = decision.learner.snapshot();
                String site = "elo.site." + decision.learner.name;
                sink.counter(site + ".threshold", context.thresholds()[snapshot.best()]);
                sink.counter(site + ".phase", snapshot.phase().code());
                sink.counter(site + ".samples", snapshot.samples());
                samples += snapshot.samples();
            }
        }
        sink.counter("elo.samples", samples);
        sink.counter("elo.rounds", counters.rounds.get());
        sink.counter("elo.merged-rounds", counters.mergedRounds.get());
        sink.counter("elo.freezes", counters.freezes.get());
        sink.counter("elo.relearns", counters.relearns.get());
        sink.counter("elo.canary-wins", counters.canaryWins.get());
        sink.counter("elo.canary-rollbacks", counters.canaryRollbacks.get());
    }
}
