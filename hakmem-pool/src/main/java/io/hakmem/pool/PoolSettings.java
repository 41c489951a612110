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
    /** The most a pool reserves: its unit table takes a reference of Java heap per 64 KiB (1 TiB: 16 M of them). */
    public static final long MAX_RESERVE_BYTES = 1L << 40;

    public PoolSettings {
        if (!isReserve(reserveBytes)) {
            throw new IllegalArgumentException("reserve " + reserveBytes + " is not a multiple of 2 MiB up to 1 TiB");
        }
        if (retainBytes < 0 || retainWindow.isNegative()) {
            throw new IllegalArgumentException("negative retain " + retainBytes + " or window " + retainWindow);
        }
    }

    private static boolean isReserve(long bytes) {
        return bytes >= Units.COMMIT_BYTES && bytes % Units.COMMIT_BYTES == 0 && bytes <= MAX_RESERVE_BYTES;
    }

    /** The settings of feature {@code feature}, validated: a bad value is refused with its key. */
    public static PoolSettings from(Config hakmem, String feature) {
        long reserve = Settings.bytes(hakmem, feature + ".reserve");
        if (!isReserve(reserve)) {
            throw Settings.bad(feature + ".reserve", String.valueOf(reserve),
                    "a multiple of 2m from 2m to 1t, such as 4g");
        }
        return new PoolSettings(reserve, Settings.bytes(hakmem, feature + ".retain"),
                Settings.duration(hakmem, feature + ".retain-window"));
    }
}
