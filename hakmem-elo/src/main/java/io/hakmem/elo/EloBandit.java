package io.hakmem.elo;

import io.hakmem.elo.spi.Bandit;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * ELO rating: every arm starts at the initial rating; each round is a match between the arm
 * played and the incumbent (the best-rated arm), won by the lower cost, and both ratings move by
 * {@code K * (actual - expected)}. Exploration is epsilon-greedy, after a first tournament in which every arm
 * plays once; then only the top {@code survivors} stay in play.
 */
final class EloBandit implements Bandit {
    private final double k;
    private final double epsilon;
    private final int survivors;
    private final RandomGenerator random;
    private final double[] ratings;
    private final double[] lastCost;
    private final boolean[] inPlay;
    private final boolean[] played;
    private boolean pruned;
    private int incumbent;

    EloBandit(int arms, double k, double initialRating, double epsilon, int survivors, RandomGenerator random) {
        this.k = k;
        this.epsilon = epsilon;
        this.survivors = Math.min(survivors, arms);
        this.random = random;
        this.ratings = new double[arms];
        this.lastCost = new double[arms];
        this.inPlay = new boolean[arms];
        this.played = new boolean[arms];
        Arrays.fill(ratings, initialRating);
        Arrays.fill(lastCost, Double.NaN);
        Arrays.fill(inPlay, true);
    }

    @Override
    public int next() {
        for (int arm = 0; arm < ratings.length; arm++) {
            if (inPlay[arm] && !played[arm]) {
                return arm; // the tournament: every arm once
            }
        }
        if (random.nextDouble() < epsilon) {
            int[] candidates = armsInPlay();
            return candidates[random.nextInt(candidates.length)];
        }
        return incumbent;
    }

    @Override
    public void record(int arm, double cost) {
        played[arm] = true;
        double reference = lastCost[incumbent];
        if (arm != incumbent && !Double.isNaN(reference)) {
            double actual = cost < reference ? 1 : cost > reference ? 0 : 0.5;
            double expected = 1 / (1 + Math.pow(10, (ratings[incumbent] - ratings[arm]) / 400));
            ratings[arm] += k * (actual - expected);
            ratings[incumbent] -= k * (actual - expected);
        }
        lastCost[arm] = cost;
        incumbent = bestRated();
        if (!pruned && allPlayed()) {
            prune();
        }
    }

    /** The best-rated arm in play that has a known cost; the incumbent keeps ties. */
    private int bestRated() {
        int best = inPlay[incumbent] && !Double.isNaN(lastCost[incumbent]) ? incumbent : -1;
        for (int arm = 0; arm < ratings.length; arm++) {
            if (inPlay[arm] && !Double.isNaN(lastCost[arm]) && (best < 0 || ratings[arm] > ratings[best])) {
                best = arm;
            }
        }
        return best < 0 ? incumbent : best;
    }

    private boolean allPlayed() {
        for (int arm = 0; arm < ratings.length; arm++) {
            if (inPlay[arm] && !played[arm]) {
                return false;
            }
        }
        return true;
    }

    /** Keeps the top {@code survivors} by rating in play. */
    private void prune() {
        Integer[] order = new Integer[ratings.length];
        for (int arm = 0; arm < order.length; arm++) {
            order[arm] = arm;
        }
        Arrays.sort(order, (a, b) -> Double.compare(ratings[b], ratings[a]));
        Arrays.fill(inPlay, false);
        for (int i = 0; i < survivors; i++) {
            inPlay[order[i]] = true;
        }
        inPlay[incumbent] = true;
        pruned = true;
    }

    private int[] armsInPlay() {
        return IntStream.range(0, ratings.length).filter(arm -> inPlay[arm]).toArray();
    }

    @Override
    public int best() {
        return incumbent;
    }

    @Override
    public double score(int arm) {
        return ratings[arm];
    }

    @Override
    public void restore(double[] scores, int best) {
        System.arraycopy(scores, 0, ratings, 0, Math.min(scores.length, ratings.length));
        Arrays.fill(played, true);
        incumbent = best;
        prune();
    }

    @Override
    public void reopen() {
        Arrays.fill(inPlay, true);
        Arrays.fill(played, false);
        Arrays.fill(lastCost, Double.NaN);
        pruned = false;
    }
}
