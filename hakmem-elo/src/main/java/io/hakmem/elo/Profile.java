package io.hakmem.elo;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What LEARNING learned, per site: the strategy it runs and the scores of all strategies. HOCON, so a person
 * can read and edit it:
 *
 * <pre>
 * version = 1
 * bandit = elo
 * strategies = [524288, ...]
 * sites { "json" { threshold = 1048576, phase = FROZEN, scores = [1500.0, ...] } }
 * </pre>
 */
record Profile(Map<String, Entry> sites) {
    static final int VERSION = 1;

    /** One site's learned state. */
    record Entry(long threshold, Phase phase, double[] scores) {
    }

    static Profile empty() {
        return new Profile(Map.of());
    }

    /**
     * Reads {@code file}. A missing or corrupt profile is a warning and the defaults, never an error; a profile
     * of other strategies keeps its thresholds and drops its scores.
     */
    static Profile read(Path file, long[] thresholds, EloLog log) {
        if (!Files.isRegularFile(file)) {
            log.warn("ELO profile " + file + " does not exist; every site starts from the defaults");
            return empty();
        }
        try {
            Config profile = ConfigFactory.parseFile(file.toFile()).resolve();
            if (profile.getInt("version") != VERSION) {
                throw new ConfigException.BadValue("version", "expected " + VERSION);
            }
            boolean sameStrategies = profile.getLongList("strategies").equals(
                    Arrays.stream(thresholds).boxed().toList());
            if (!sameStrategies) {
                log.warn("ELO profile " + file + " was learned over other strategies; using its thresholds only");
            }
            Map<String, Entry> sites = new LinkedHashMap<>();
            ConfigObject entries = profile.getObject("sites");
            for (String site : entries.keySet()) {
                if (!(entries.get(site) instanceof ConfigObject object)) {
                    throw new ConfigException.BadValue("sites." + site, "expected an object");
                }
                Config entry = object.toConfig();
                double[] scores = sameStrategies
                        ? entry.getDoubleList("scores").stream().mapToDouble(Double::doubleValue).toArray() : null;
                sites.put(site, new Entry(entry.getBytes("threshold"), Phase.valueOf(entry.getString("phase")), scores));
            }
            return new Profile(Map.copyOf(sites));
        } catch (ConfigException | IllegalArgumentException e) {
            log.warn("ELO profile " + file + " is corrupt (" + e.getMessage() + "); every site starts from the defaults");
            return empty();
        }
    }

    Optional<Entry> site(String name) {
        return Optional.ofNullable(sites.get(name));
    }

    /** Writes the profile atomically (a temporary file moved over the old one). */
    void write(Path file, String bandit, long[] thresholds) throws IOException {
        Map<String, Object> siteValues = new LinkedHashMap<>();
        sites.forEach((name, entry) -> siteValues.put(name, Map.of(
                "threshold", entry.threshold(),
                "phase", entry.phase().name(),
                "scores", Arrays.stream(entry.scores()).boxed().toList())));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", VERSION);
        root.put("bandit", bandit);
        root.put("strategies", Arrays.stream(thresholds).boxed().toList());
        root.put("sites", ConfigValueFactory.fromMap(siteValues));
        String text = "# hakmem ELO profile: load it with hakmem.elo.profile = <this file>\n"
                + ConfigValueFactory.fromMap(root).render(ConfigRenderOptions.defaults().setOriginComments(false)
                .setJson(false));
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        Files.writeString(temporary, text);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

}
