package io.hakmem.elo.spi;

/**
 * Rates a fixed set of arms (strategies) from the costs of the rounds played with them. One per site; called
 * only at round boundaries, under the site's lock, never on the allocation path.
 */
public interface Bandit {

    /** The arm to play next round. */
    int next();

    /** The cost of the round just played with {@code arm}; lower is better. */
    void record(int arm, double cost);

    /** The arm currently believed best: the one a frozen site runs. */
    int best();

    /** The arm's score for the leaderboard and the profile; higher is better. */
    double score(int arm);

    /** Restores scores learned earlier (a profile), with {@code best} as the incumbent. */
    void restore(double[] scores, int best);

    /** Readmits every arm to exploration, keeping the scores: the site learns again. */
    void reopen();
}
