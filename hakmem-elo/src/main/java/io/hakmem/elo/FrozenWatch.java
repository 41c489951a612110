package io.hakmem.elo;

/**
 * Watches a frozen site, window by window: the first window is the baseline; the site goes back to LEARN
 * after {@code relearn.windows} windows in a row {@code relearn.worse-by} costlier than the baseline, or one
 * whose request sizes moved {@code relearn.size-shift} away from the baseline's (total variation distance,
 * judged once both have {@link #MIN_SIZES} samples, below which the distance is mostly noise).
 */
final class FrozenWatch {
    static final int MIN_SIZES = 20;

    private Usage baseline;
    private SizeHistogram baselineSizes;
    private int worseWindows;
    private int windows;

    void restart() {
        baseline = null;
        baselineSizes = null;
        worseWindows = 0;
        windows = 0;
    }

    /** Windows judged since the site froze (or its strategy changed). */
    int windows() {
        return windows;
    }

    /** @return why the site should learn again, or null */
    String windowEnded(Usage window, SizeHistogram sizes, EloSettings settings, Usage.Weights weights) {
        windows++;
        if (baseline == null) {
            baseline = window;
            baselineSizes = sizes;
            return null;
        }
        if (baselineSizes.total() < MIN_SIZES) {
            baselineSizes = sizes;
        } else if (sizes.total() >= MIN_SIZES) {
            double shift = sizes.distance(baselineSizes);
            if (shift > settings.sizeShift()) {
                return String.format("size distribution moved by %.0f%%", shift * 100);
            }
        }
        double cost = window.relativeTo(baseline, weights) / weights.total();
        worseWindows = cost > 1 + settings.worseBy() ? worseWindows + 1 : 0;
        if (worseWindows >= settings.relearnWindows()) {
            return worseWindows + " windows " + Math.round(settings.worseBy() * 100) + "% worse than the frozen baseline";
        }
        return null;
    }
}
