package io.hakmem.modes;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.hakmem.ConfigurationException;

import java.util.List;
import java.util.Locale;

/** Reading validated values: a bad one is refused with its key, its value and what is allowed. */
final class Choices {
    private Choices() {
    }

    /** One of {@code allowed}, case-insensitively; returned in lower case. */
    static String oneOf(Config config, String path, List<String> allowed) {
        String value = string(config, path).toLowerCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            throw bad(path, value, String.join(", ", allowed));
        }
        return value;
    }

    /** A size in bytes ({@code 256k}, {@code 8m}), not negative. */
    static long bytes(Config config, String path) {
        long bytes;
        try {
            bytes = config.getBytes(path);
        } catch (ConfigException e) {
            throw bad(path, String.valueOf(config.getValue(path).unwrapped()), "a size >= 0, such as 256k or 8m");
        }
        if (bytes < 0) {
            throw bad(path, String.valueOf(bytes), "a size >= 0");
        }
        return bytes;
    }

    static boolean bool(Config config, String path) {
        try {
            return config.getBoolean(path);
        } catch (ConfigException e) {
            throw bad(path, String.valueOf(config.getValue(path).unwrapped()), "true, false, on, off, 1, 0");
        }
    }

    private static String string(Config config, String path) {
        try {
            return config.getString(path);
        } catch (ConfigException e) {
            throw new ConfigurationException("Bad configuration: " + e.getMessage(), e);
        }
    }

    static ConfigurationException bad(String path, String value, String allowed) {
        return new ConfigurationException("Bad configuration: hakmem." + path + " = '" + value + "'; allowed: " + allowed);
    }
}
