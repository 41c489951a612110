package io.hakmem.elo;

import io.hakmem.elo.spi.Bandit;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One site's learning: the slow path. The allocation path reads the site's {@link SiteDecision} and, on 1 in
 * {@code sample-every} learnable requests, calls {@link #sample}: the sample is numbered (one atomic add, on
 * sampled requests only) and its size kept. Rounds are fixed runs of samples ({@link Rhythm}): the thread
 * whose sample ends one reads the probe there and then, without a lock, and leaves the reading in a ring
 * ({@link Boundary}); whoever holds the lock (tried, never waited for) rates every round whose two boundaries
 * are in, in order, and moves the lifecycle:
 *
 * <pre>
 *   LEARN  --(freeze-after stable windows, or max-learn-time; evo-policy auto or canary)--> FROZEN
 *   FROZEN --(freeze-after windows: the baseline is known; evo-policy auto or canary)--> CANARY
 *   FROZEN, CANARY --(relearn.windows windows relearn.worse-by worse, or a size-shift)--> LEARN
 *   CANARY: a challenger that wins canary.trials rounds in a row by canary.margin is promoted
 * </pre>
 *
 * So a round is measured over exactly its samples however late it is rated, and a lock holder that is slow
 * (descheduled) delays the ratings but loses no round: up to half the ring late, every round is rated on its
 * own; later, the rounds it missed are rated as one, all played by the strategy it could not change, and
 * counted ({@code elo.merged-rounds}). The requests a round covered are counted as its
 * samples times the sampling rate: the expectation of the sampling, which counts without a write per request.
 */
final class SiteLearner {
    private static final double SMOOTHING = 0.2;
    private static final int PENDING = 64;

    final int id;
    final String name;
    /** What the allocation path reads. */
    final SiteDecision decision = new SiteDecision(this);

    /** Sampled requests so far; sample numbers start at 1. */
    private final AtomicLong samples = new AtomicLong();
    private volatile Rhythm rhythm = new Rhythm(0, 0, 0);
    /** Boundaries read and not yet rated, by round number modulo {@link #PENDING}. */
    private final AtomicReferenceArray<Boundary> pending = new AtomicReferenceArray<>(PENDING);
    private final RecentSizes sizes = new RecentSizes();
    /** Ratings and moves run under it; allocating threads only ever try it. */
    private final ReentrantLock lock = new ReentrantLock();

    private final LearningContext context;
    private final RandomGenerator random;
    private final Bandit bandit;
    private final Stability stability;
    private final FrozenWatch watch = new FrozenWatch();
    private final CanaryTrial canary = new CanaryTrial();

    // Guarded by lock.
    private Phase phase;
    private int frozenArm;
    /** The boundary the next round to rate starts at. */
    private Boundary roundStart;
    private Usage meanRound;
    private long windowStartSample;
    private long windowStartNanos;
    private Probe.Reading windowStart;

    SiteLearner(int id, String name, LearningContext context, Phase start, int startArm, double[] scores) {
        this.id = id;
        this.name = name;
        this.context = context;
        this.random = context.randomFor(id);
        this.bandit = context.bandits().create(context.thresholds().length, context.settings().block(), random);
        this.stability = new Stability(context.thresholds().length);
        if (scores != null) {
            bandit.restore(scores, startArm);
        }
        Boundary now = new Boundary(0, 0, 0, context.probe().read(), context.clock().getAsLong(), startArm);
        lock.lock();
        try {
            switch (start) {
                case LEARN -> learn(now);
                case FROZEN -> freeze(startArm, now);
                case CANARY -> {
                    freeze(startArm, now);
                    enterCanary(now);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** A sampled request of {@code bytes}, on the allocating thread. */
    void sample(long bytes) {
        long sample = samples.incrementAndGet();
        sizes.record(sample, bytes);
        Rhythm current = rhythm;
        long round = current.roundEndedBy(sample);
        if (round > 0) {
            pending.set((int) (round % PENDING), new Boundary(current.epoch(), round, sample, context.probe().read(),
                    context.clock().getAsLong(), decision.arm));
        } else if (current.roundSamples() > 0) {
            return; // mid-round: nothing to do
        }
        if (lock.tryLock()) {
            try {
                if (phase == Phase.FROZEN) {
                    frozenSample();
                } else {
                    rateRounds();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Rates every round whose end is in, in order; a boundary that never came merges two rounds into one. */
    private void rateRounds() {
        // A move starts a new rhythm, whose boundaries are not in yet: the loop ends there.
        for (Boundary end = nextBoundary(); end != null && phase != Phase.FROZEN; end = nextBoundary()) {
            if (phase == Phase.LEARN) {
                endLearnRound(end);
            } else {
                endCanaryRound(end);
            }
        }
    }

    /**
     * The boundary that ends the next round to rate, or null while it is not in. The thread that reads it may
     * still be reading the probe when later boundaries arrive: they wait for it, unless it is half a ring
     * behind, when it is given up and the rounds merge into one (measured over all their samples).
     */
    private Boundary nextBoundary() {
        long epoch = rhythm.epoch();
        long expected = roundStart.round() + 1;
        Boundary next = pending.get((int) (expected % PENDING));
        if (next != null && next.epoch() == epoch && next.round() == expected) {
            return next;
        }
        Boundary earliest = null;
        long latest = 0;
        for (int slot = 0; slot < PENDING; slot++) {
            Boundary candidate = pending.get(slot);
            if (candidate != null && candidate.epoch() == epoch && candidate.round() > expected) {
                latest = Math.max(latest, candidate.round());
                if (earliest == null || candidate.round() < earliest.round()) {
                    earliest = candidate;
                }
            }
        }
        if (latest < expected + PENDING / 2) {
            return null;
        }
        context.counters().mergedRounds.addAndGet(earliest.round() - expected);
        return earliest;
    }

    /** The samples, and so the requests, between two boundaries: what a round's costs are divided by. */
    private Usage usage(Boundary start, Boundary end, int every) {
        return Usage.between(start.reading(), end.reading(), (end.sample() - start.sample()) * every);
    }

    /**
     * A new rhythm from {@code at}: boundaries of the old one still in the ring are stale from now on. Its first
     * boundary is counted from now (samples taken since {@code at} were numbered under the old one), its first
     * round from {@code at}, whose reading it starts with: the round is longer, never mismeasured.
     */
    private void newRhythm(Boundary at, int roundSamples) {
        long epoch = rhythm.epoch() + 1;
        roundStart = new Boundary(epoch, 0, at.sample(), at.reading(), at.nanos(), decision.arm);
        rhythm = new Rhythm(epoch, Math.max(at.sample(), samples.get()), roundSamples);
    }

    // LEARN

    /** Every round of LEARN is the bandit's choice, the first too: a user's bandit is in control throughout. */
    private void learn(Boundary at) {
        phase = Phase.LEARN;
        decision.sampleEvery = context.settings().learnEvery();
        stability.restart(at.nanos());
        startWindow(at);
        play(bandit.next());
        newRhythm(at, context.settings().roundSamples());
    }

    private void play(int next) {
        decision.arm = next;
        decision.threshold = context.thresholds()[next];
    }

    private void endLearnRound(Boundary end) {
        Usage round = usage(roundStart, end, context.settings().learnEvery());
        roundStart = end;
        meanRound = meanRound == null ? round : meanRound.blend(round, SMOOTHING);
        int leader = bandit.best();
        bandit.record(end.arm(), round.relativeTo(meanRound, context.weights()));
        stability.played(end.arm());
        context.counters().rounds.incrementAndGet();
        context.learned().run();
        int newLeader = bandit.best();
        if (newLeader != leader && context.log().verbose()) {
            String line = "site " + name + ": adopted " + context.size(newLeader) + " over " + context.size(leader)
                    + " after a round of " + context.size(end.arm()) + "; " + leaderboard();
            context.reporter().post(() -> context.log().info(line));
        }
        if (windowDue(end) && endLearnWindow(end)) {
            return;
        }
        play(bandit.next());
    }

    /** @return whether the site froze */
    private boolean endLearnWindow(Boundary end) {
        int leader = bandit.best();
        int anchor = stability.anchor();
        double moved = anchor < 0 ? 1
                : sizes.disagreement(context.thresholds()[leader], context.thresholds()[anchor], end.sample());
        String reason = stability.windowEnded(leader, moved, end.nanos(), context.settings());
        if (context.log().verbose()) {
            String line = "site " + name + " window: " + leaderboard() + " (stable windows "
                    + stability.stableWindows() + ")";
            context.reporter().post(() -> context.log().info(line));
        }
        startWindow(end);
        if (reason == null || !context.settings().freezes()) {
            return false;
        }
        context.counters().freezes.incrementAndGet();
        freeze(leader, end);
        context.learned().run();
        announce(Phase.LEARN, Phase.FROZEN, reason);
        context.reporter().post(context.frozen());
        return true;
    }

    // FROZEN

    private void freeze(int best, Boundary at) {
        phase = Phase.FROZEN;
        frozenArm = best;
        play(best);
        decision.sampleEvery = context.settings().steadyEvery();
        watch.restart();
        startWindow(at);
        newRhythm(at, 0);
    }

    /** FROZEN: any sample may end a window (by requests or by time). */
    private void frozenSample() {
        long sample = samples.get();
        long now = context.clock().getAsLong();
        if (windowDue(sample, now)) {
            Probe.Reading reading = context.probe().read();
            endFrozenWindow(new Boundary(rhythm.epoch(), 0, samples.get(), reading, now, frozenArm));
        }
    }

    /** A FROZEN or CANARY window ended at {@code end}: judged against the baseline. */
    private void endFrozenWindow(Boundary end) {
        Usage window = Usage.between(windowStart, end.reading(),
                (end.sample() - windowStartSample) * context.settings().steadyEvery());
        String reason = watch.windowEnded(window, sizes.histogram(windowStartSample, end.sample()),
                context.settings(), context.weights());
        if (reason != null) {
            relearn(reason, end);
            return;
        }
        startWindow(end);
        if (phase == Phase.FROZEN && context.settings().canaries()
                && watch.windows() >= context.settings().freezeAfter()) {
            announce(Phase.FROZEN, Phase.CANARY, watch.windows() + " frozen windows");
            enterCanary(end);
        }
    }

    private void relearn(String reason, Boundary at) {
        Phase from = phase;
        context.counters().relearns.incrementAndGet();
        bandit.reopen();
        meanRound = null;
        learn(at);
        announce(from, Phase.LEARN, reason);
    }

    // CANARY

    private void enterCanary(Boundary at) {
        phase = Phase.CANARY;
        canary.restart();
        play(frozenArm);
        newRhythm(at, context.settings().canaryRoundSamples());
    }

    private void endCanaryRound(Boundary end) {
        Usage round = usage(roundStart, end, context.settings().steadyEvery());
        roundStart = end;
        context.counters().rounds.incrementAndGet();
        switch (canary.roundEnded(end.arm(), frozenArm, round, context.weights(), context.settings())) {
            case PROMOTE -> promote(end.arm());
            case ROLLBACK -> context.counters().canaryRollbacks.incrementAndGet();
            case NOTHING -> {
            }
        }
        if (windowDue(end)) {
            endFrozenWindow(end);
            if (phase != Phase.CANARY) {
                return; // learning again
            }
        }
        play(canary.next(frozenArm, context.thresholds().length, context.settings().canaryChallengerRounds(), random));
    }

    private void promote(int winner) {
        String reason = String.format("challenger %s promoted over %s (cost %.3f of the frozen one)",
                context.size(winner), context.size(frozenArm), canary.lastCost());
        context.counters().canaryWins.incrementAndGet();
        frozenArm = winner;
        watch.restart();
        context.learned().run();
        announce(Phase.CANARY, Phase.CANARY, reason);
    }

    // Windows and reports

    private boolean windowDue(Boundary end) {
        return windowDue(end.sample(), end.nanos());
    }

    private boolean windowDue(long sample, long now) {
        int every = phase == Phase.LEARN ? context.settings().learnEvery() : context.settings().steadyEvery();
        return (sample - windowStartSample) * every >= context.settings().windowOperations()
                || now - windowStartNanos >= context.settings().windowTime().toNanos();
    }

    private void startWindow(Boundary at) {
        windowStartSample = at.sample();
        windowStartNanos = at.nanos();
        windowStart = at.reading();
    }

    /** Queues the log line and the JFR event of a move: both leave the allocating thread. */
    private void announce(Phase from, Phase to, String reason) {
        long threshold = decision.threshold;
        String line = context.log().phases()
                ? "site " + name + ": " + (from == to ? from + " promotion" : from + " -> " + to) + " at "
                + context.size(decision.arm) + " (" + reason + ")"
                : null;
        context.reporter().post(() -> {
            if (line != null) {
                context.log().info(line);
            }
            PhaseChangeEvent.emit(name, from, to, threshold, reason);
        });
    }

    private String leaderboard() {
        return "leaderboard " + IntStream.range(0, context.thresholds().length)
                .boxed()
                .sorted((a, b) -> Double.compare(bandit.score(b), bandit.score(a)))
                .map(i -> context.size(i) + "=" + Math.round(bandit.score(i) * 100) / 100.0)
                .collect(Collectors.joining(" "));
    }

    /** The phase, the strategy the site runs (or believes best, in LEARN), the scores, the samples taken. */
    record Snapshot(Phase phase, int best, double[] scores, long samples) {
    }

    /** Off the allocation path (reports, the profile): rates the rounds that are in, first. */
    Snapshot snapshot() {
        lock.lock();
        try {
            if (phase != Phase.FROZEN) {
                rateRounds();
            }
            return new Snapshot(phase, phase == Phase.LEARN ? bandit.best() : frozenArm,
                    IntStream.range(0, context.thresholds().length).mapToDouble(bandit::score).toArray(),
                    samples.get());
        } finally {
            lock.unlock();
        }
    }
}
