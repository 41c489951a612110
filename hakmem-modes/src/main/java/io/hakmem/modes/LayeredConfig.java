package io.hakmem.modes;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import io.hakmem.ConfigurationException;
import io.hakmem.Mode;
import io.hakmem.spi.HakmemRequest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The effective configuration, layered lowest to highest: {@code reference.conf} &lt;
 * {@code application.conf} &lt; the preset {@code hakmem.presets.<mode>} &lt; environment variables &lt;
 * {@code hakmem.*} system properties &lt; the builder. Validated before anything is composed.
 *
 * @param mode     the preset chosen
 * @param hakmem   the effective configuration, rooted at {@code hakmem}
 * @param preset   the preset's own values, rooted at {@code hakmem}
 * @param warnings what composition should log (deprecated use)
 */
record LayeredConfig(Mode mode, Config hakmem, Config preset, List<String> warnings) {
    private static final String ROOT = "hakmem";

    static LayeredConfig resolve(HakmemRequest request, Environment environment, Set<String> features,
                                 ClassLoader loader) {
        // Not defaultReference(): it merges every JVM system property into the reference, so a -Dhakmem.<typo>
        // would pass the known-keys check below. System properties come in as a layer of their own.
        Config unresolvedReference = ConfigFactory.defaultReferenceUnresolved(loader);
        Config reference = resolve(unresolvedReference, "reference.conf");
        Config base = ConfigFactory.defaultApplication(loader).withFallback(unresolvedReference);
        Mode mode = chooseMode(request, environment, base);

        List<String> warnings = new ArrayList<>();
        List<String> individual = EnvironmentOverrides.individualVariablesSet(environment.variables(), features);
        if (!individual.isEmpty() && !environment.variables().containsKey(EnvironmentOverrides.MODE_VARIABLE)) {
            warnings.add(String.join(", ", individual) + " set without HAKMEM_MODE: applied on top of the "
                    + mode.configName() + " preset. Individual variables without HAKMEM_MODE are deprecated; "
                    + "set HAKMEM_MODE as well.");
        }

        Config preset = presetOf(base, mode);
        Map<String, Object> builder = BuilderSettings.parse(request.settings());
        request.features().forEach((feature, on) -> builder.put("features." + feature, on));

        Config effective = layer(builder, "the builder")
                .withFallback(layer(EnvironmentOverrides.fromProperties(environment.properties()), "system properties"))
                .withFallback(layer(EnvironmentOverrides.fromVariables(environment.variables(), features),
                        "environment variables"))
                .withFallback(preset)
                .withFallback(base)
                .withValue(ROOT + ".mode", ConfigValueFactory.fromAnyRef(mode.configName()));
        effective = resolve(effective, "the layers");
        checkFeatures(effective, features);
        checkKnownKeys(effective, reference, features);
        checkTypes(effective, reference);
        return new LayeredConfig(mode, effective.getConfig(ROOT), preset.getConfig(ROOT), List.copyOf(warnings));
    }

    /** Whether feature {@code name} is on in the effective configuration. */
    boolean enabled(String feature) {
        return hakmem.getBoolean("features." + feature);
    }

    /** Whether the preset itself turns feature {@code name} on (rather than an override). */
    boolean presetEnables(String feature) {
        return preset.hasPath("features." + feature) && preset.getBoolean("features." + feature);
    }

    /** The features turned on, by name. */
    Set<String> enabledFeatures() {
        return hakmem.getConfig("features").root().keySet().stream()
                .filter(this::enabled)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Config resolve(Config config, String what) {
        try {
            return config.resolve();
        } catch (ConfigException e) {
            throw new ConfigurationException("Bad configuration (" + what + "): " + e.getMessage(), e);
        }
    }

    private static Config layer(Map<String, Object> paths, String origin) {
        Map<String, Object> rooted = new LinkedHashMap<>();
        paths.forEach((path, value) -> rooted.put(ROOT + "." + path, value));
        try {
            return ConfigFactory.parseMap(rooted, origin);
        } catch (ConfigException e) {
            throw new ConfigurationException("Bad configuration from " + origin + ": " + e.getMessage(), e);
        }
    }

    private static Mode chooseMode(HakmemRequest request, Environment environment, Config base) {
        if (request.mode() != null) {
            return request.mode();
        }
        String property = environment.properties().get(EnvironmentOverrides.MODE_PROPERTY);
        if (property != null) {
            return parseMode("-D" + EnvironmentOverrides.MODE_PROPERTY, property);
        }
        String variable = environment.variables().get(EnvironmentOverrides.MODE_VARIABLE);
        if (variable != null) {
            return parseMode(EnvironmentOverrides.MODE_VARIABLE, variable);
        }
        ConfigValue configured = base.getValue(ROOT + ".mode");
        return parseMode("hakmem.mode (" + configured.origin().description() + ")",
                String.valueOf(configured.unwrapped()));
    }

    private static Mode parseMode(String source, String value) {
        String name = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(Mode.values())
                .filter(mode -> mode.configName().equals(name))
                .findFirst()
                .orElseThrow(() -> new ConfigurationException("Unknown mode: " + source + " = '" + value
                        + "'; allowed: " + Arrays.stream(Mode.values()).map(Mode::configName)
                        .collect(Collectors.joining(", "))));
    }

    private static Config presetOf(Config base, Mode mode) {
        String path = ROOT + ".presets." + mode.configName();
        if (!base.hasPath(path)) {
            throw new ConfigurationException("No preset " + path + " in the configuration");
        }
        return base.getConfig(path).atPath(ROOT);
    }

    private static void checkFeatures(Config effective, Set<String> features) {
        for (Map.Entry<String, ConfigValue> entry : effective.getConfig(ROOT + ".features").root().entrySet()) {
            if (!features.contains(entry.getKey())) {
                throw new ConfigurationException("Unknown feature '" + entry.getKey() + "' (hakmem.features."
                        + entry.getKey() + ", from " + entry.getValue().origin().description()
                        + "); known features: " + String.join(", ", new TreeSet<>(features)));
            }
        }
    }

    /** Every key must be one some reference.conf declares: a typo is an error, not a silent default. */
    private static void checkKnownKeys(Config effective, Config reference, Set<String> features) {
        for (Map.Entry<String, ConfigValue> entry : effective.getConfig(ROOT).entrySet()) {
            String path = ROOT + "." + entry.getKey();
            if (!isFeatureSwitch(entry.getKey()) && !reference.hasPathOrNull(path)) {
                throw new ConfigurationException("Unknown configuration key " + path + " (from "
                        + entry.getValue().origin().description() + "); check its spelling against the "
                        + "reference.conf of hakmem and of the feature it belongs to");
            }
        }
    }

    /** {@code features.<name>} or {@code presets.<mode>.features.<name>}: checked by feature name. */
    private static boolean isFeatureSwitch(String path) {
        return path.startsWith("features.") || path.matches("presets\\.[^.]+\\.features\\..+");
    }

    private static void checkTypes(Config effective, Config reference) {
        try {
            effective.checkValid(reference, ROOT);
        } catch (ConfigException.ValidationFailed e) {
            List<String> problems = new ArrayList<>();
            e.problems().forEach(problem -> problems.add(problem.path() + ": " + problem.problem()));
            throw new ConfigurationException("Bad configuration: " + String.join("; ", problems), e);
        }
    }
}
