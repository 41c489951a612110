package io.hakmem.modes;

import io.hakmem.ConfigurationException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The individual overrides: environment variables and {@code hakmem.*}
 * system properties, as configuration paths under {@code hakmem}.
 */
final class EnvironmentOverrides {
    static final String MODE_VARIABLE = "HAKMEM_MODE";
    static final String MODE_PROPERTY = "hakmem.mode";
    private static final String PROPERTY_PREFIX = "hakmem.";

    /** Variable -> path, besides one {@code HAKMEM_<FEATURE>} switch per feature. */
    static final Map<String, String> VARIABLES = Map.of(
            "HAKMEM_THP", "thp",
            "HAKMEM_FREE_POLICY", "free-policy",
            "HAKMEM_EVO_POLICY", "evo-policy",
            "HAKMEM_DEBUG", "debug",
            "HAKO_HAKMEM_LARGE_MMAP", "large-mmap");

    private static final List<String> SWITCH_VALUES = List.of("1", "0", "true", "false", "on", "off", "yes", "no");

    private EnvironmentOverrides() {
    }

    static String featureVariable(String feature) {
        return "HAKMEM_" + feature.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** Paths and values from the environment variables that are set. */
    static Map<String, Object> fromVariables(Map<String, String> variables, Set<String> features) {
        Map<String, Object> paths = new LinkedHashMap<>();
        VARIABLES.forEach((variable, path) -> {
            String value = variables.get(variable);
            if (value != null) {
                paths.put(path, path.equals("large-mmap") ? onOff(variable, value) : value);
            }
        });
        for (String feature : features) {
            String variable = featureVariable(feature);
            String value = variables.get(variable);
            if (value != null) {
                paths.put("features." + feature, onOff(variable, value));
            }
        }
        return paths;
    }

    /** The variables set that are individual overrides (everything but HAKMEM_MODE). */
    static List<String> individualVariablesSet(Map<String, String> variables, Set<String> features) {
        return variables.keySet().stream()
                .filter(name -> VARIABLES.containsKey(name)
                        || features.stream().anyMatch(feature -> featureVariable(feature).equals(name)))
                .sorted()
                .toList();
    }

    /** Paths and values from {@code hakmem.*} system properties, but the mode. */
    static Map<String, Object> fromProperties(Map<String, String> properties) {
        Map<String, Object> paths = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            if (key.startsWith(PROPERTY_PREFIX) && !key.equals(MODE_PROPERTY)) {
                String path = key.substring(PROPERTY_PREFIX.length());
                boolean isSwitch = path.equals("large-mmap") || path.startsWith("features.");
                paths.put(path, isSwitch ? onOff("-D" + key, value) : value);
            }
        });
        return paths;
    }

    private static boolean onOff(String source, String value) {
        String normalized = value.trim().toLowerCase(Locale.ROOT);
        return switch (normalized) {
            case "1", "true", "on", "yes" -> true;
            case "0", "false", "off", "no" -> false;
            default -> throw new ConfigurationException("Bad configuration: " + source + " = '" + value
                    + "'; allowed: " + String.join(", ", SWITCH_VALUES));
        };
    }
}
