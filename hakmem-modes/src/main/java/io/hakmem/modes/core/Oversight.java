package io.hakmem.modes.core;

/**
 * How an allocator is watched in production, from {@code hakmem.jmx} and {@code hakmem.leak-detection}.
 *
 * @param jmx              register an MXBean
 * @param leakLevel        off, sampled or paranoid
 * @param leakSampleEvery  at the sampled level, one block in this many is watched
 */
public record Oversight(boolean jmx, String leakLevel, int leakSampleEvery) {

    boolean watchesLeaks() {
        return !leakLevel.equals("off");
    }

    LeakDetection leakDetection(SiteTable sites) {
        return switch (leakLevel) {
            case "off" -> LeakDetection.OFF;
            case "paranoid" -> new TrackingLeakDetection(true, 1, sites::name);
            default -> new TrackingLeakDetection(false, leakSampleEvery, sites::name);
        };
    }
}
