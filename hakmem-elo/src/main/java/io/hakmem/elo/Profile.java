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
 * What LEARNING learned, per site: the strategy it runs and the scores of all strategies (by the bandit
 * named, over the strategies listed). HOCON, so a person can read and edit it:
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
     * Reads {@code file}, validated against this allocator's strategies and bandit. Never an error: a missing
     * or corrupt file is a warning and no sites; a site that cannot be read, or whose threshold is not one of
     * {@code thresholds}, is a warning and that site starts from the defaults; scores learned by another bandit, over other strategies
     * or of the wrong shape are a warning and dropped (the thresholds are kept).
     */
    static Profile read(Path file, long[] thresholds, String bandit, EloLog log) {
        if (!Files.isRegularFile(file)) {
            log.warn("ELO profile " + file + " does not exist; every site starts from the defaults");
            return empty();
        }
        try {
            Config profile = ConfigFactory.parseFile(file.toFile()).resolve();
            if (profile.getInt("version") != VERSION) {
                throw new ConfigException.BadValue("version", "expected " + VERSION);
            }
            String learnedBy = profile.getString("bandit");
            boolean sameBandit = learnedBy.equals(bandit);
            if (!sameBandit) {
                log.warn("ELO profile " + file + " was learned by bandit '" + learnedBy + "', this allocator's is '"
                        + bandit + "'; using its thresholds, not its scores");
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
                long threshold;
                Phase phase;
                try {
                    threshold = entry.getBytes("threshold");
                    phase = Phase.valueOf(entry.getString("phase"));
                } catch (ConfigException | IllegalArgumentException e) {
                    log.warn("ELO profile " + file + ": site '" + site + "' is unreadable (" + e.getMessage()
                            + "); the site starts from the defaults");
                    continue;
                }
                if (Strategies.indexOf(thresholds, threshold) < 0) {
                    log.warn("ELO profile " + file + ": site '" + site + "' runs threshold " + threshold
                            + ", which is not one of the strategies " + Arrays.toString(thresholds)
                            + "; the site starts from the defaults");
                    continue;
                }
                double[] scores = sameBandit && sameStrategies ? scores(entry, thresholds.length) : null;
                if (sameBandit && sameStrategies && scores == null) {
                    log.warn("ELO profile " + file + ": site '" + site + "' has no usable scores (one finite number "
                            + "per strategy); using its threshold only");
                }
                sites.put(site, new Entry(threshold, phase, scores));
            }
            return new Profile(Map.copyOf(sites));
        } catch (ConfigException | IllegalArgumentException e) {
            log.warn("ELO profile " + file + " is corrupt (" + e.getMessage() + "); every site starts from the defaults");
            return empty();
        } catch (StackOverflowError e) { // nesting deeper than the parser's recursion: not a profile hakmem wrote
            log.warn("ELO profile " + file + " is nested too deep to read; every site starts from the defaults");
            return empty();
        }
    }

    /** One finite score per strategy, or null. */
    private static double[] scores(Config entry, int strategies) {
        if (!entry.hasPath("scores")) {
            return null;
        }
        double[] scores = entry.getDoubleList("scores").stream().mapToDouble(Double::doubleValue).toArray();
        return scores.length == strategies && Arrays.stream(scores).allMatch(Double::isFinite) ? scores : null;
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
        try {
            Files.writeString(temporary, text);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary); // gone once moved; else a failed write leaves none behind to pile up
        }
    }

}
