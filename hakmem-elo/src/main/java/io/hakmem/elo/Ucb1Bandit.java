package io.hakmem.elo;

import io.hakmem.elo.spi.Bandit;

import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * UCB1 over the arms (reward = 1 / (1 + cost), exploration factor c), with its
 * adoption rule: a challenger whose mean reward beats the incumbent's by the margin on {@code adoptWins}
 * consecutive rounds is adopted, at most once per cooldown. Until every arm has been played once (after
 * creation or {@link #reopen()}) the best mean so far leads without that rule: the cooldown keeps a settled
 * site from flapping, it must not pin the first arm played.
 */
final class Ucb1Bandit implements Bandit {
    private final double exploration;
    private final int adoptWins;
    private final double adoptMargin;
    private final long cooldownNanos;
    private final LongSupplier clock;
    private final double[] rewardSum;
    private final long[] plays;
    private long totalPlays;
    private int incumbent = -1;
    private int challenger = -1;
    private int challengerWins;
    private long lastAdoption;
    /** Every arm has been played since the bandit was created or reopened. */
    private boolean explored;

    Ucb1Bandit(int arms, double exploration, int adoptWins, double adoptMargin, long cooldownNanos, LongSupplier clock) {
        this.exploration = exploration;
        this.adoptWins = adoptWins;
        this.adoptMargin = adoptMargin;
        this.cooldownNanos = cooldownNanos;
        this.clock = clock;
        this.rewardSum = new double[arms];
        this.plays = new long[arms];
    }

    @Override
    public int next() {
        int best = 0;
        double bestBound = Double.NEGATIVE_INFINITY;
        for (int arm = 0; arm < plays.length; arm++) {
            if (plays[arm] == 0) {
                return arm;
            }
            double bound = mean(arm) + Math.sqrt(exploration * Math.log(totalPlays) / plays[arm]);
            if (bound > bestBound) {
                bestBound = bound;
                best = arm;
            }
        }
        return best;
    }

    @Override
    public void record(int arm, double cost) {
        rewardSum[arm] += 1 / (1 + Math.max(0, cost));
        plays[arm]++;
        totalPlays++;
        if (!explored) {
            // The first pass over the arms: the best so far leads, free of the adoption rule and its cooldown,
            // which start once every arm has a mean.
            incumbent = bestMean();
            explored = allPlayed();
            if (explored) {
                lastAdoption = clock.getAsLong();
            }
            return;
        }
        int leader = bestMean();
        if (leader == incumbent || mean(leader) < mean(incumbent) * (1 + adoptMargin)) {
            challenger = -1;
            challengerWins = 0;
            return;
        }
        challengerWins = leader == challenger ? challengerWins + 1 : 1;
        challenger = leader;
        long now = clock.getAsLong();
        if (challengerWins >= adoptWins && now - lastAdoption >= cooldownNanos) {
            incumbent = leader;
            lastAdoption = now;
            challenger = -1;
            challengerWins = 0;
        }
    }

    private boolean allPlayed() {
        for (long played : plays) {
            if (played == 0) {
                return false;
            }
        }
        return true;
    }

    /** The played arm with the best mean reward; the incumbent keeps ties. */
    private int bestMean() {
        int best = incumbent >= 0 && plays[incumbent] > 0 ? incumbent : -1;
        for (int arm = 0; arm < plays.length; arm++) {
            if (plays[arm] > 0 && (best < 0 || mean(arm) > mean(best))) {
                best = arm;
            }
        }
        return best;
    }

    private double mean(int arm) {
        return plays[arm] == 0 ? 0 : rewardSum[arm] / plays[arm];
    }

    @Override
    public int best() {
        return Math.max(incumbent, 0);
    }

    @Override
    public double score(int arm) {
        return mean(arm);
    }

    @Override
    public void restore(double[] scores, int best) {
        for (int arm = 0; arm < Math.min(scores.length, plays.length); arm++) {
            rewardSum[arm] = scores[arm];
            plays[arm] = 1;
        }
        totalPlays = plays.length;
        incumbent = best;
        explored = true;
        lastAdoption = clock.getAsLong();
    }

    @Override
    public void reopen() {
        Arrays.fill(rewardSum, 0);
        Arrays.fill(plays, 0);
        totalPlays = 0;
        challenger = -1;
        challengerWins = 0;
        explored = false;
    }
}
