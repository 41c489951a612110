package io.hakmem.spi;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.hakmem.ConfigurationException;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Reads validated values from the effective configuration (rooted at {@code hakmem}): a bad value is refused
 * with its key, its value and what is allowed. For the settings record each feature reads once.
 */
public final class Settings {
    private Settings() {
    }

    /** One of {@code allowed}, case-insensitively; returned in lower case. */
    public static String oneOf(Config config, String path, List<String> allowed) {
        String value = string(config, path).toLowerCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            throw bad(path, value, String.join(", ", allowed));
        }
        return value;
    }

    /** A size in bytes ({@code 256k}, {@code 8m}), not negative. */
    public static long bytes(Config config, String path) {
        long bytes;
        try {
            bytes = config.getBytes(path);
        } catch (ConfigException e) {
            throw bad(path, raw(config, path), "a size >= 0, such as 256k or 8m");
        }
        if (bytes < 0) {
            throw bad(path, String.valueOf(bytes), "a size >= 0");
        }
        return bytes;
    }

    public static boolean bool(Config config, String path) {
        try {
            return config.getBoolean(path);
        } catch (ConfigException e) {
            throw bad(path, raw(config, path), "true, false, on, off, 1, 0");
        }
    }

    /** An integer of at least {@code min}. */
    public static int atLeast(Config config, String path, int min) {
        int value;
        try {
            value = config.getInt(path);
        } catch (ConfigException e) {
            throw bad(path, raw(config, path), "an integer >= " + min);
        }
        if (value < min) {
            throw bad(path, String.valueOf(value), "an integer >= " + min);
        }
        return value;
    }

    /** A number in [{@code min}, {@code max}]. */
    public static double between(Config config, String path, double min, double max) {
        double value;
        try {
            value = config.getDouble(path);
        } catch (ConfigException e) {
            throw bad(path, raw(config, path), "a number in [" + min + ", " + max + "]");
        }
        if (!(value >= min && value <= max)) {
            throw bad(path, String.valueOf(value), "a number in [" + min + ", " + max + "]");
        }
        return value;
    }

    /** A duration ({@code 2s}, {@code 500ms}), not negative. */
    public static Duration duration(Config config, String path) {
        Duration value;
        try {
            value = config.getDuration(path);
        } catch (ConfigException e) {
            throw bad(path, raw(config, path), "a duration >= 0, such as 2s or 500ms");
        }
        if (value.isNegative()) {
            throw bad(path, value.toString(), "a duration >= 0");
        }
        return value;
    }

    /** A string, possibly empty. */
    public static String string(Config config, String path) {
        try {
            return config.getString(path);
        } catch (ConfigException e) {
            throw new ConfigurationException("Bad configuration: " + e.getMessage(), e);
        }
    }

    private static String raw(Config config, String path) {
        return config.hasPath(path) ? String.valueOf(config.getValue(path).unwrapped()) : "(missing)";
    }

    /** The error for {@code hakmem.<path> = value}, naming what is allowed. */
    public static ConfigurationException bad(String path, String value, String allowed) {
        return new ConfigurationException("Bad configuration: hakmem." + path + " = '" + value + "'; allowed: " + allowed);
    }
}
