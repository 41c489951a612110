package io.hakmem.elo;

import java.util.random.RandomGenerator;

/**
 * CANARY's challengers. A share of rounds ({@code canary.challenger-rounds}) is played by a challenger
 * instead of the frozen strategy; its cost is compared with the frozen rounds' running mean, measured in the
 * same conditions. A challenger that is {@code canary.margin} cheaper {@code canary.trials} times in a row is
 * promoted; one that loses is rolled back (the frozen strategy plays on) and another is drawn next time.
 */
final class CanaryTrial {
    private static final double SMOOTHING = 0.2;

    /** What a round's end decided. */
    enum Outcome { NOTHING, PROMOTE, ROLLBACK }

    private Usage frozenRound;
    private int challenger = -1;
    private int wins;
    private double lastCost = Double.NaN;

    void restart() {
        frozenRound = null;
        challenger = -1;
        wins = 0;
    }

    /** The arm of the next round: the frozen one, or now and then a challenger (once the frozen cost is known). */
    int next(int frozenArm, int arms, double share, RandomGenerator random) {
        if (arms < 2 || frozenRound == null || random.nextDouble() >= share) {
            return frozenArm;
        }
        if (challenger < 0 || challenger == frozenArm) {
            int drawn = random.nextInt(arms - 1);
            challenger = drawn >= frozenArm ? drawn + 1 : drawn; // any arm but the frozen one
        }
        return challenger;
    }

    /** The round just played by {@code arm} cost {@code round}. */
    Outcome roundEnded(int arm, int frozenArm, Usage round, Usage.Weights weights, EloSettings settings) {
        if (arm == frozenArm) {
            frozenRound = frozenRound == null ? round : frozenRound.blend(round, SMOOTHING);
            return Outcome.NOTHING;
        }
        if (frozenRound == null) {
            return Outcome.NOTHING; // a challenger's round from before a promotion: nothing to compare it with
        }
        lastCost = round.relativeTo(frozenRound, weights) / weights.total();
        if (lastCost >= 1 - settings.canaryMargin()) {
            challenger = -1;
            wins = 0;
            return Outcome.ROLLBACK;
        }
        if (++wins < settings.canaryTrials()) {
            return Outcome.NOTHING;
        }
        restart();
        return Outcome.PROMOTE;
    }

    /** The last challenger round's cost, relative to the frozen strategy's (1 = as dear). */
    double lastCost() {
        return lastCost;
    }
}
