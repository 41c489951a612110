package io.hakmem.elo;

import io.hakmem.elo.spi.Bandit;

import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One site's learning. The allocation path reads {@link #threshold} and counts down {@link #countdown}; when it
 * reaches zero the path calls {@link #tick}, the slow path, which ends a round (LEARN, CANARY) or records a
 * sample (FROZEN) and, at a window's end, moves the lifecycle:
 *
 * <pre>
 *   LEARN  --(freeze-after windows with the same best strategy; evo-policy auto)--> FROZEN
 *   FROZEN --(freeze-after windows: the baseline is known; evo-policy auto or canary)--> CANARY
 *   FROZEN, CANARY --(relearn.windows windows relearn.worse-by worse, or a size-shift)--> LEARN
 *   CANARY: a challenger that wins canary.trials rounds by canary.margin is promoted
 * </pre>
 */
final class SiteLearner {
    private static final double SMOOTHING = 0.2;

    final int id;
    final String name;
    /** The decision the allocation path reads. */
    volatile long threshold;
    /** Learnable allocations until the next {@link #tick}; racy by design, re-checked under the lock. */
    int countdown;

    private final LearningContext context;
    private final RandomGenerator random;
    private final Bandit bandit;
    /** What others may read without the lock (the profile, the counters). */
    private volatile Snapshot snapshot;
    private Phase phase;
    private int arm;
    private boolean challengerRound;
    private Probe.Reading roundStart;
    private Usage meanRound;

    private long windowOperations;
    private long windowStartNanos;
    private Probe.Reading windowStart;
    private final SizeHistogram windowSizes = new SizeHistogram();
    private int bestAtWindowStart;
    private int stableWindows;

    private int frozenArm;
    private Usage baseline;
    private SizeHistogram baselineSizes;
    private int frozenWindows;
    private int worseWindows;
    private Usage frozenRound;
    private int challenger = -1;
    private int challengerWins;

    SiteLearner(int id, String name, LearningContext context, Phase start, int startArm, double[] scores) {
        this.id = id;
        this.name = name;
        this.context = context;
        this.random = context.randomFor(id);
        this.bandit = context.bandits().create(context.thresholds().length, context.settings().block(), random);
        if (scores != null) {
            bandit.restore(scores, startArm);
        }
        Probe.Reading now = context.probe().read();
        startWindow(now);
        switch (start) {
            case LEARN -> learn(now);
            case FROZEN -> freeze(startArm, now, false);
            case CANARY -> {
                freeze(startArm, now, false);
                canary(now);
            }
        }
        publish();
    }

    /** The phase, the strategy the site runs or believes best, and the scores, as of the last tick. */
    record Snapshot(Phase phase, int best, double[] scores) {
    }

    Snapshot snapshot() {
        return snapshot;
    }

    private void publish() {
        snapshot = new Snapshot(phase, phase == Phase.LEARN ? bandit.best() : frozenArm,
                IntStream.range(0, context.thresholds().length).mapToDouble(bandit::score).toArray());
    }

    /** The slow path: a round or a sample is complete. */
    synchronized void tick(long bytes) {
        if (countdown > 0) {
            return; // another thread took this tick
        }
        windowSizes.add(bytes);
        long now = context.clock().getAsLong();
        switch (phase) {
            case LEARN -> {
                windowOperations += context.settings().minSamples();
                endLearnRound();
            }
            case FROZEN -> {
                windowOperations += context.settings().sampleEvery();
                countdown = context.settings().sampleEvery();
            }
            case CANARY -> {
                windowOperations += context.settings().minSamples();
                endCanaryRound();
            }
        }
        if (windowOperations >= context.settings().windowOperations()
                || now - windowStartNanos >= context.settings().windowTime().toNanos()) {
            endWindow();
        }
        publish();
    }

    private void learn(Probe.Reading now) {
        phase = Phase.LEARN;
        stableWindows = 0;
        bestAtWindowStart = bandit.best();
        play(bandit.next(), now);
    }

    private void play(int next, Probe.Reading now) {
        arm = next;
        threshold = context.thresholds()[next];
        roundStart = now;
        countdown = context.settings().minSamples();
    }

    private void endLearnRound() {
        Probe.Reading now = context.probe().read();
        Usage round = Usage.between(roundStart, now, context.settings().minSamples());
        meanRound = meanRound == null ? round : meanRound.blend(round, SMOOTHING);
        bandit.record(arm, round.relativeTo(meanRound, context.weights()));
        context.counters().rounds.incrementAndGet();
        play(bandit.next(), now);
    }

    private void endCanaryRound() {
        Probe.Reading now = context.probe().read();
        Usage round = Usage.between(roundStart, now, context.settings().minSamples());
        context.counters().rounds.incrementAndGet();
        if (!challengerRound) {
            frozenRound = frozenRound == null ? round : frozenRound.blend(round, SMOOTHING);
        } else if (frozenRound != null) {
            double cost = round.relativeTo(frozenRound, context.weights()) / context.weights().total();
            bandit.record(arm, cost);
            if (cost < 1 - context.settings().canaryMargin()) {
                challengerWins = arm == challenger ? challengerWins + 1 : 1;
                challenger = arm;
                if (challengerWins >= context.settings().canaryTrials()) {
                    promote(arm, cost, now);
                    return;
                }
            } else {
                context.counters().canaryRollbacks.incrementAndGet();
                challenger = -1;
                challengerWins = 0;
            }
        }
        playCanaryRound(now);
    }

    private void playCanaryRound(Probe.Reading now) {
        challengerRound = random.nextDouble() < context.settings().canaryShare()
                && context.thresholds().length > 1;
        int next = frozenArm;
        if (challengerRound) {
            next = challenger >= 0 ? challenger : random.nextInt(context.thresholds().length - 1);
            if (next >= frozenArm && challenger < 0) {
                next++; // any arm but the frozen one
            }
        }
        play(next, now);
    }

    private void promote(int winner, double cost, Probe.Reading now) {
        int previous = frozenArm;
        context.counters().canaryWins.incrementAndGet();
        context.log().phase(() -> String.format("site %s: canary %s beat %s (cost %.3f of the frozen one); promoted",
                name, size(winner), size(previous), cost));
        PhaseChangeEvent.emit(name, Phase.CANARY, Phase.CANARY, context.thresholds()[winner],
                "challenger " + size(winner) + " promoted over " + size(previous));
        frozenArm = winner;
        baseline = null;
        frozenRound = null;
        challenger = -1;
        challengerWins = 0;
        playCanaryRound(now);
    }

    private void freeze(int best, Probe.Reading now, boolean learned) {
        phase = Phase.FROZEN;
        frozenArm = best;
        threshold = context.thresholds()[best];
        countdown = context.settings().sampleEvery();
        baseline = null;
        frozenWindows = 0;
        worseWindows = 0;
        if (learned) {
            context.counters().freezes.incrementAndGet();
            context.log().phase(() -> "site " + name + ": LEARN -> FROZEN at " + size(best) + " after "
                    + stableWindows + " stable windows");
            PhaseChangeEvent.emit(name, Phase.LEARN, Phase.FROZEN, threshold, stableWindows + " stable windows");
            publish();
            context.onFreeze().run();
        }
        startWindow(now);
    }

    private void canary(Probe.Reading now) {
        phase = Phase.CANARY;
        frozenRound = null;
        challenger = -1;
        challengerWins = 0;
        playCanaryRound(now);
    }

    private void relearn(String reason, Probe.Reading now) {
        context.counters().relearns.incrementAndGet();
        context.log().phase(() -> "site " + name + ": " + phase + " -> LEARN (" + reason + ")");
        PhaseChangeEvent.emit(name, phase, Phase.LEARN, threshold, reason);
        bandit.reopen();
        meanRound = null;
        learn(now);
    }

    private void endWindow() {
        Probe.Reading now = context.probe().read();
        if (phase == Phase.LEARN) {
            int best = bandit.best();
            stableWindows = best == bestAtWindowStart ? stableWindows + 1 : 0;
            bestAtWindowStart = best;
            context.log().verbose(this::leaderboard);
            if (context.settings().evoPolicy().equals("auto") && stableWindows >= context.settings().freezeAfter()) {
                freeze(best, now, true);
                return;
            }
        } else {
            judgeFrozenWindow(now);
        }
        startWindow(now);
    }

    private void judgeFrozenWindow(Probe.Reading now) {
        Usage window = Usage.between(windowStart, now, windowOperations);
        if (baseline == null) {
            baseline = window;
            baselineSizes = windowSizes.copy();
        } else {
            double shift = windowSizes.distance(baselineSizes);
            double cost = window.relativeTo(baseline, context.weights()) / context.weights().total();
            worseWindows = cost > 1 + context.settings().worseBy() ? worseWindows + 1 : 0;
            if (shift > context.settings().sizeShift()) {
                relearn(String.format("size distribution moved by %.0f%%", shift * 100), now);
                return;
            }
            if (worseWindows >= context.settings().relearnWindows()) {
                relearn(worseWindows + " windows " + Math.round(context.settings().worseBy() * 100)
                        + "% worse than the frozen baseline", now);
                return;
            }
        }
        frozenWindows++;
        String policy = context.settings().evoPolicy();
        if (phase == Phase.FROZEN && (policy.equals("auto") || policy.equals("canary"))
                && frozenWindows >= context.settings().freezeAfter()) {
            context.log().phase(() -> "site " + name + ": FROZEN -> CANARY at " + size(frozenArm));
            PhaseChangeEvent.emit(name, Phase.FROZEN, Phase.CANARY, threshold, frozenWindows + " frozen windows");
            canary(now);
        }
    }

    private void startWindow(Probe.Reading now) {
        windowStart = now;
        windowStartNanos = context.clock().getAsLong();
        windowOperations = 0;
        windowSizes.clear();
    }

    private String leaderboard() {
        return "site " + name + " leaderboard: " + IntStream.range(0, context.thresholds().length)
                .boxed()
                .sorted((a, b) -> Double.compare(bandit.score(b), bandit.score(a)))
                .map(i -> size(i) + "=" + Math.round(bandit.score(i) * 100) / 100.0)
                .collect(Collectors.joining(" "));
    }

    private String size(int strategy) {
        long bytes = context.thresholds()[strategy];
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + "M" : (bytes >> 10) + "K";
    }
}
