package io.hakmem.modes;

import io.hakmem.spi.FeatureProvider;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The features on the module path, found with {@link ServiceLoader}. Deterministic and explains itself:
 * a provider that fails to load is reported and skipped; two providers of one name are a warning and the
 * first by class name wins.
 */
final class FeatureCatalog {
    /** The features this project ships, and the module each lives in. */
    static final Map<String, String> BUILT_IN = Map.of(
            "bigcache", "io.hakmem.bigcache",
            "batch", "io.hakmem.batch",
            "tinypool", "io.hakmem.tinypool",
            "midpool", "io.hakmem.midpool",
            "elo", "io.hakmem.elo");

    private final Map<String, FeatureProvider> byName;
    private final List<String> problems;

    private FeatureCatalog(Map<String, FeatureProvider> byName, List<String> problems) {
        this.byName = byName;
        this.problems = problems;
    }

    static FeatureCatalog discover(ClassLoader loader) {
        List<FeatureProvider> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ServiceLoader.Provider<FeatureProvider> candidate : loadAll(loader, problems)) {
            try {
                found.add(candidate.get());
            } catch (ServiceConfigurationError | RuntimeException e) {
                problems.add("feature provider " + candidate.type().getName() + " failed to load: " + e);
            }
        }
        return of(found, problems);
    }

    /** A catalog of exactly these providers (tests: a module path without some feature). */
    static FeatureCatalog of(List<FeatureProvider> providers, List<String> problems) {
        List<FeatureProvider> found = new ArrayList<>(providers);
        problems = new ArrayList<>(problems);
        found.sort(Comparator.comparing(provider -> provider.getClass().getName()));
        Map<String, FeatureProvider> byName = new TreeMap<>();
        for (FeatureProvider provider : found) {
            FeatureProvider first = byName.putIfAbsent(provider.name(), provider);
            if (first != null) {
                problems.add("two providers of feature '" + provider.name() + "': using "
                        + first.getClass().getName() + ", ignoring " + provider.getClass().getName());
            }
        }
        return new FeatureCatalog(byName, List.copyOf(problems));
    }

    private static List<ServiceLoader.Provider<FeatureProvider>> loadAll(ClassLoader loader, List<String> problems) {
        List<ServiceLoader.Provider<FeatureProvider>> providers = new ArrayList<>();
        var iterator = ServiceLoader.load(FeatureProvider.class, loader).stream().iterator();
        while (true) {
            try {
                if (!iterator.hasNext()) {
                    return providers;
                }
                providers.add(iterator.next());
            } catch (ServiceConfigurationError e) {
                problems.add("a feature provider could not be listed: " + e.getMessage());
            }
        }
    }

    /** Every feature name configuration may use: the built-in ones and those found. */
    Set<String> names() {
        Set<String> names = new TreeSet<>(BUILT_IN.keySet());
        names.addAll(byName.keySet());
        return names;
    }

    /** Every provider found, one per name. */
    Collection<FeatureProvider> providers() {
        return byName.values();
    }

    Optional<FeatureProvider> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Providers that failed to load, duplicates: to be logged. */
    List<String> problems() {
        return problems;
    }
}
