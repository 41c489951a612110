package io.hakmem.modes.trace;

/**
 * Which sites a sampled trace keeps ({@code hakmem.trace.sample}): a site is kept whole or not at all, by a hash
 * of its name, so that every block of a kept site is in the trace with its free, and the same sites are kept in
 * every run of the program.
 */
final class SiteSampling {
    private SiteSampling() {
    }

    static boolean keeps(String site, double fraction) {
        if (fraction >= 1) {
            return true;
        }
        long hash = site.hashCode() * 0x9E3779B97F4A7C15L; // String.hashCode is specified: stable across runs
        return (hash >>> 32) < fraction * (1L << 32);
    }
}
