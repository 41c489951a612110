package io.hakmem;

import io.hakmem.spi.HakmemProvider;
import io.hakmem.spi.HakmemRequest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Composes an allocator from a mode, feature toggles and individual settings. What is set here wins over
 * every other layer (configuration files, environment, system properties), so a program's own choices are
 * reproducible:
 *
 * <pre>{@code
 * Hakmem.builder().mode(Mode.MINIMAL).enable("bigcache").set("bigcache.max-bytes", "64m").build();
 * }</pre>
 */
public final class HakmemBuilder {
    private Mode mode;
    private final Map<String, Boolean> features = new LinkedHashMap<>();
    private final Map<String, String> settings = new LinkedHashMap<>();

    HakmemBuilder() {
    }

    /** The preset; without it, the one named by configuration. */
    public HakmemBuilder mode(Mode mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
        return this;
    }

    /** Turns feature {@code name} on ({@code bigcache}, {@code batch}, {@code tinypool}, {@code elo}, ...). */
    public HakmemBuilder enable(String feature) {
        features.put(Objects.requireNonNull(feature, "feature"), true);
        return this;
    }

    /** Turns feature {@code name} off. */
    public HakmemBuilder disable(String feature) {
        features.put(Objects.requireNonNull(feature, "feature"), false);
        return this;
    }

    /**
     * Sets one configuration value by its path under {@code hakmem}, as a HOCON value: {@code set("thp", "off")},
     * {@code set("bigcache.max-bytes", "64m")}, {@code set("bigcache.classes", "[512k, 1m]")}. Quote a string with
     * special characters: {@code set("elo.profile-out", ""/tmp/profile.conf"")}; an unquoted one HOCON would read
     * differently ({@code //} or {@code #} start a comment) is refused at {@link #build()}.
     */
    public HakmemBuilder set(String path, String value) {
        settings.put(Objects.requireNonNull(path, "path"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Composes the allocator.
     *
     * @throws ConfigurationException if a setting is bad or a feature's module is absent
     * @throws IllegalStateException if no implementation is on the module path
     */
    public Hakmem build() {
        HakmemRequest request = new HakmemRequest(mode, features, settings);
        return ServiceLoader.load(HakmemProvider.class, HakmemBuilder.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "No hakmem implementation found: add the module io.hakmem.modes "
                                + "(artifact io.github.hakmem:hakmem-modes) to the module path"))
                .create(request);
    }
}
