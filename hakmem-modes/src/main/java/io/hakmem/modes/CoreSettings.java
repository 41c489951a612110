package io.hakmem.modes;

import com.typesafe.config.Config;

import io.hakmem.modes.core.Oversight;
import io.hakmem.modes.trace.TraceSettings;
import io.hakmem.spi.Settings;

import java.time.Duration;
import java.util.List;

/**
 * The core's settings, read once from the effective configuration (rooted at {@code hakmem}). Feature
 * policies (thp, free-policy, evo-policy, debug) are validated here so that a bad value is refused even
 * when the feature that reads it is off.
 */
record CoreSettings(boolean largeMmap, long largeThreshold, String thp, String freePolicy, String evoPolicy,
                    String debug, Duration idleDelay, long idleFloor, Oversight oversight) {
    static final List<String> THP = List.of("off", "auto", "on");
    static final List<String> FREE_POLICIES = List.of("batch", "keep", "adaptive");
    static final List<String> EVO_POLICIES = List.of("off", "learn", "frozen", "canary", "auto");
    static final List<String> DEBUG = List.of("off", "minimal", "verbose");
    static final List<String> LEAK_LEVELS = List.of("off", "sampled", "paranoid");

    static CoreSettings from(Config hakmem) {
        return new CoreSettings(
                Settings.bool(hakmem, "large-mmap"),
                Settings.bytes(hakmem, "large-threshold"),
                Settings.oneOf(hakmem, "thp", THP),
                Settings.oneOf(hakmem, "free-policy", FREE_POLICIES),
                Settings.oneOf(hakmem, "evo-policy", EVO_POLICIES),
                Settings.oneOf(hakmem, "debug", DEBUG),
                Settings.duration(hakmem, "idle-release.delay"),
                Settings.bytes(hakmem, "idle-release.floor"),
                new Oversight(Settings.bool(hakmem, "jmx"),
                        Settings.oneOf(hakmem, "leak-detection.level", LEAK_LEVELS),
                        Settings.atLeast(hakmem, "leak-detection.sample-every", 1),
                        TraceSettings.from(hakmem)));
    }
}
