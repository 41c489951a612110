package io.hakmem.modes;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.hakmem.ConfigurationException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code HakmemBuilder.set(path, value)} values, read as HOCON values as the builder promises:
 * {@code set("thp", "off")}, {@code set("bigcache.classes", "[512k, 1m]")}, {@code set("elo.profile-out",
 * "\"/tmp/p.conf\"")}. An unquoted value that HOCON would read as something else than it looks (a {@code //}
 * starting a comment, a {@code #}) is refused with the advice to quote it, rather than silently cut.
 */
final class BuilderSettings {
    private BuilderSettings() {
    }

    /** Each value parsed; the paths as given. */
    static Map<String, Object> parse(Map<String, String> settings) {
        Map<String, Object> values = new LinkedHashMap<>();
        settings.forEach((path, value) -> values.put(path, parse(path, value)));
        return values;
    }

    private static Object parse(String path, String value) {
        ConfigValue parsed;
        try {
            parsed = ConfigFactory.parseString("value = " + value).getValue("value");
        } catch (ConfigException e) {
            throw new ConfigurationException("Bad configuration from the builder: hakmem." + path + " = '" + value
                    + "' is not a HOCON value (" + e.getMessage() + "); quote a string with special characters", e);
        }
        String trimmed = value.strip();
        if (parsed.valueType() == ConfigValueType.STRING && !trimmed.startsWith("\"")
                && !parsed.unwrapped().equals(trimmed)) {
            throw new ConfigurationException("Bad configuration from the builder: hakmem." + path + " = '" + value
                    + "' reads as HOCON '" + parsed.unwrapped() + "' (// and # start a comment); quote it: \""
                    + trimmed + "\"");
        }
        return parsed.unwrapped();
    }
}
