package io.hakmem.modes;

import io.hakmem.spi.ThresholdSelector;

/** The threshold when no selector is enabled: {@code hakmem.large-threshold}, for every site. */
final class FixedThreshold implements ThresholdSelector {
    private final long threshold;

    FixedThreshold(long threshold) {
        this.threshold = threshold;
    }

    @Override
    public long threshold(int site, long bytes) {
        return threshold;
    }
}
