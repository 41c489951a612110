package io.hakmem.elo;

/**
 * When a learning site may freeze, judged at each LEARN window's end. Stable: every strategy has played a
 * round since learning (re)started, and the leader did not move by more than {@code freeze-epsilon} since the
 * window before: it is the same strategy, or one that decides at most that share of the site's recent
 * requests differently (for 3 MiB requests, every threshold up to 3 MiB maps them all: a noisy rating that
 * swaps two of them is no change). {@code freeze-after} stable windows in a row freeze the site, and so does
 * {@code max-learn-time} of learning, on the best so far.
 */
final class Stability {
    private final long everyArm;
    private long armsPlayed;
    private int anchor = -1;
    private int stableWindows;
    private long learnStartNanos;

    Stability(int arms) {
        this.everyArm = arms == Long.SIZE ? -1L : (1L << arms) - 1;
    }

    void restart(long nowNanos) {
        armsPlayed = 0;
        anchor = -1;
        stableWindows = 0;
        learnStartNanos = nowNanos;
    }

    void played(int arm) {
        armsPlayed |= 1L << arm;
    }

    boolean everyArmPlayed() {
        return (armsPlayed & everyArm) == everyArm;
    }

    /** The leader a window ago, or -1 while the arms are still being tried. */
    int anchor() {
        return anchor;
    }

    int stableWindows() {
        return stableWindows;
    }

    /**
     * A LEARN window ended with {@code leader} ahead; {@code moved} is the share of recent requests it decides
     * differently from {@link #anchor()}.
     *
     * @return why the site should freeze now, or null
     */
    String windowEnded(int leader, double moved, long nowNanos, EloSettings settings) {
        boolean explored = everyArmPlayed();
        boolean stable = explored && anchor >= 0 && (leader == anchor || moved <= settings.freezeEpsilon());
        stableWindows = stable ? stableWindows + 1 : 0;
        anchor = explored ? leader : -1;
        if (stableWindows >= settings.freezeAfter()) {
            return stableWindows + " stable windows";
        }
        long limit = settings.maxLearnTime().toNanos();
        if (limit > 0 && nowNanos - learnStartNanos >= limit) {
            return "learned for " + settings.maxLearnTime().toSeconds() + " s";
        }
        return null;
    }
}
