package io.hakmem.modes;

import com.typesafe.config.Config;

import io.hakmem.modes.core.Oversight;
import io.hakmem.modes.trace.TraceSettings;
import io.hakmem.spi.Settings;

import java.time.Duration;
import java.util.List;

/**
 * The core's own settings, read once from the effective configuration (rooted at {@code hakmem}). The feature
 * matrix keys a feature reads (free-policy: the batch's; evo-policy and debug: ELO's) are validated by that
 * feature, whether it is enabled or not ({@link io.hakmem.spi.FeatureProvider#validate}).
 */
record CoreSettings(boolean largeMmap, long largeThreshold, String thp, Duration idleDelay, long idleFloor,
                    long maxBytes, Oversight oversight) {
    static final List<String> THP = List.of("off", "auto", "on");
    static final List<String> LEAK_LEVELS = List.of("off", "sampled", "paranoid");

    static CoreSettings from(Config hakmem) {
        long largeThreshold = Settings.bytes(hakmem, "large-threshold");
        if (largeThreshold == 0) { // a request of 0 bytes would be mapped, and mmap refuses a length of 0
            throw Settings.bad("large-threshold", "0", "a size above 0, such as 256k");
        }
        return new CoreSettings(
                Settings.bool(hakmem, "large-mmap"),
                largeThreshold,
                Settings.oneOf(hakmem, "thp", THP),
                Settings.duration(hakmem, "idle-release.delay"),
                Settings.bytes(hakmem, "idle-release.floor"),
                Settings.bytes(hakmem, "max-bytes"),
                new Oversight(Settings.bool(hakmem, "jmx"),
                        Settings.oneOf(hakmem, "leak-detection.level", LEAK_LEVELS),
                        Settings.atLeast(hakmem, "leak-detection.sample-every", 1),
                        TraceSettings.from(hakmem)));
    }
}
