package io.hakmem.batch;

import com.typesafe.config.Config;
import io.hakmem.spi.Settings;

import java.time.Duration;
import java.util.List;

/** The {@code hakmem.batch} block and {@code hakmem.free-policy}, read once and validated. */
record BatchSettings(String freePolicy, long flushBytes, int flushBlocks, long maxRetainedBytes,
                     int maxRetainedBlocks, Duration hotWindow, Duration coldAfter) {
    static final List<String> FREE_POLICIES = List.of("batch", "keep", "adaptive");

    static BatchSettings from(Config hakmem) {
        return new BatchSettings(
                Settings.oneOf(hakmem, "free-policy", FREE_POLICIES),
                Settings.bytes(hakmem, "batch.flush-bytes"),
                Settings.atLeast(hakmem, "batch.flush-blocks", 1),
                Settings.bytes(hakmem, "batch.max-retained-bytes"),
                Settings.atLeast(hakmem, "batch.max-retained-blocks", 0),
                Settings.duration(hakmem, "batch.hot-window"),
                Settings.duration(hakmem, "batch.cold-after"));
    }
}
