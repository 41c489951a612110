package io.hakmem.spi;

import com.google.inject.Module;
import com.typesafe.config.Config;

import java.util.List;
import java.util.Set;

/**
 * A feature, found with {@link java.util.ServiceLoader}: declare it with {@code provides
 * io.hakmem.spi.FeatureProvider with ...} in {@code module-info.java} and in
 * {@code META-INF/services/io.hakmem.spi.FeatureProvider} for class-path users.
 *
 * <p>A feature is enabled by name: {@code hakmem.features.<name> = true}, {@code HAKMEM_<NAME>=1} or
 * {@code HakmemBuilder.enable(name)}. Its settings live under {@code hakmem.<name>} in the
 * {@code reference.conf} its jar ships. Its Guice module binds the seams it fills with
 * {@code OptionalBinder.newOptionalBinder(binder(), Seam.class).setBinding()}; it holds no conditionals.
 */
public interface FeatureProvider {

    /** The feature's name and configuration key, e.g. {@code bigcache}. Lower case, digits and '-'. */
    String name();

    /** The seams the module binds; two enabled features may not fill the same seam. */
    Set<Class<?>> seams();

    /**
     * The Guice module that installs the feature.
     *
     * @param config the effective configuration, rooted at {@code hakmem}; read the settings once, here
     * @throws io.hakmem.ConfigurationException for a bad setting, naming key, value and allowed values
     */
    Module module(Config config);

    /**
     * Checks this feature's settings, whether it is enabled or not, so that a bad value is refused even while the
     * feature is off: each setting has one owner, the feature that reads it. Called for every feature on the
     * module path at each composition. Nothing by default.
     *
     * @param config the effective configuration, rooted at {@code hakmem}
     * @throws io.hakmem.ConfigurationException for a bad setting, naming key, value and allowed values
     */
    default void validate(Config config) {
    }

    /**
     * Called instead of {@link #module} when the feature is on the module path but not enabled: warnings for
     * the settings of it that are set anyway and will have no effect (a learned profile for a feature that is
     * off), logged by the composition. None by default.
     *
     * @param config the effective configuration, rooted at {@code hakmem}
     */
    default List<String> ignoredSettings(Config config) {
        return List.of();
    }
}
