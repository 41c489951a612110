package io.hakmem.modes.core;

/**
 * The idle release's rule, apart from its thread and its clock: fed the time and the allocator's activity (a
 * count that changes whenever it is used) at every check, it says release once the activity has not changed for
 * {@code delay}, and not again until the activity changes and stops again. Used by one thread at a time.
 */
final class IdlePeriod {
    private final long delayNanos;
    private long lastActivity = -1;
    private long lastChange;
    private boolean released;

    IdlePeriod(long delayNanos) {
        this.delayNanos = delayNanos;
    }

    /** True when this check ends an idle period of at least the delay: the one moment to release. */
    boolean releaseNow(long nowNanos, long activity) {
        if (activity != lastActivity) {
            lastActivity = activity;
            lastChange = nowNanos;
            released = false;
            return false;
        }
        if (released || nowNanos - lastChange < delayNanos) {
            return false;
        }
        released = true;
        return true;
    }
}
