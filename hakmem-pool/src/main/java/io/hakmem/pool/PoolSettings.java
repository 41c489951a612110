package io.hakmem.pool;

import com.typesafe.config.Config;
import io.hakmem.spi.Settings;

import java.time.Duration;

/**
 * What a pool is given: its feature's settings ({@code hakmem.<feature>.reserve}, {@code .retain},
 * {@code .retain-window}), which each feature declares in its own reference.conf.
 *
 * @param reserveBytes address space reserved (a multiple of 2 MiB; nothing committed until used)
 * @param retainBytes  empty slabs always kept resident for reuse (the floor; trim and idle release go below it)
 * @param retainWindow empty slabs are also kept resident up to the pool's peak use within this window; 0 keeps
 *                     the floor only
 */
public record PoolSettings(long reserveBytes, long retainBytes, Duration retainWindow) {

    public PoolSettings {
        if (reserveBytes < Units.COMMIT_BYTES || reserveBytes % Units.COMMIT_BYTES != 0
                || (reserveBytes >>> Units.UNIT_SHIFT) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("reserve " + reserveBytes + " is not a multiple of 2 MiB");
        }
        if (retainBytes < 0 || retainWindow.isNegative()) {
            throw new IllegalArgumentException("negative retain " + retainBytes + " or window " + retainWindow);
        }
    }

    /** The settings of feature {@code feature}, validated: a bad value is refused with its key. */
    public static PoolSettings from(Config hakmem, String feature) {
        long reserve = Settings.bytes(hakmem, feature + ".reserve");
        if (reserve < Units.COMMIT_BYTES || reserve % Units.COMMIT_BYTES != 0
                || (reserve >>> Units.UNIT_SHIFT) > Integer.MAX_VALUE) {
            throw Settings.bad(feature + ".reserve", String.valueOf(reserve), "a multiple of 2m, at least 2m, such as 4g");
        }
        return new PoolSettings(reserve, Settings.bytes(hakmem, feature + ".retain"),
                Settings.duration(hakmem, feature + ".retain-window"));
    }
}
