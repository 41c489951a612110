package io.hakmem.modes;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.OptionalBinder;
import com.typesafe.config.Config;
import io.hakmem.ConfigurationException;
import io.hakmem.Hakmem;
import io.hakmem.Mode;
import io.hakmem.spi.FeatureProvider;
import io.hakmem.spi.ThresholdSelector;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.Set;

import static io.hakmem.modes.LayeringTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which features compose, and the errors when one is missing or two collide. */
class DiscoveryTest {

    @Test
    void aPresetWhoseFeatureModuleIsAbsentNamesFeaturePresetAndModule() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> Compositions.with().mode(Mode.BALANCED).providers().compose());
        assertMessage(e, "Mode BALANCED enables feature 'batch'", "io.hakmem.batch",
                "io.github.hakmem:hakmem-batch", "HAKMEM_BATCH=0");
    }

    @Test
    void aToggleWhoseFeatureModuleIsAbsentSaysItWasAnOverride() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> Compositions.with().mode(Mode.MINIMAL).feature("bigcache", true).providers().compose());
        assertMessage(e, "Feature 'bigcache' is enabled (by an override, on mode MINIMAL)", "io.hakmem.bigcache");
    }

    @Test
    void theRealModulePathFailsTheSameWayForAnAbsentFeature() {
        // Until every feature module provides its feature, a preset that needs one is refused by name.
        FeatureCatalog real = FeatureCatalog.discover(getClass().getClassLoader());
        for (String feature : FeatureCatalog.BUILT_IN.keySet()) {
            if (real.find(feature).isEmpty()) {
                ConfigurationException e = assertThrows(ConfigurationException.class,
                        () -> Hakmem.builder().mode(Mode.MINIMAL).enable(feature).build());
                assertMessage(e, "'" + feature + "'", FeatureCatalog.BUILT_IN.get(feature));
            }
        }
    }

    @Test
    void aCustomSelectorReplacesTheDefaultByName() {
        Compositions custom = Compositions.with().mode(Mode.MINIMAL).providers(new SmallThreshold());
        assertTrue(custom.resolve().enabledFeatures().isEmpty(), "off until enabled");
        try (Hakmem hakmem = custom.feature("small-threshold", true).compose().allocator()) {
            MemorySegment block = hakmem.allocate(8192);
            hakmem.free(block);
            assertEquals(1, hakmem.stats().get("path.mapped"), "8 KiB is above the custom 4 KiB threshold");
        }
    }

    @Test
    void twoFeaturesFillingOneSeamAreRefused() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> Compositions.with()
                .mode(Mode.MINIMAL).providers(new SmallThreshold(), new OtherThreshold())
                .feature("small-threshold", true).feature("other-threshold", true).compose());
        assertMessage(e, "'other-threshold' and 'small-threshold'", "ThresholdSelector");
    }

    @Test
    void aFeaturesOwnRefusalReachesTheCaller() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> Compositions.with()
                .mode(Mode.MINIMAL).providers(new Refusing()).feature("refusing", true).compose());
        assertMessage(e, "hakmem.refusing.size");
    }

    /** Maps everything from 4 KiB up: a user's strategy module, in miniature. */
    static class SmallThreshold implements FeatureProvider {
        @Override
        public String name() {
            return "small-threshold";
        }

        @Override
        public Set<Class<?>> seams() {
            return Set.of(ThresholdSelector.class);
        }

        @Override
        public Module module(Config config) {
            return new AbstractModule() {
                @Override
                protected void configure() {
                    OptionalBinder.newOptionalBinder(binder(), ThresholdSelector.class)
                            .setBinding().toInstance((site, bytes) -> 4096);
                }
            };
        }
    }

    static final class OtherThreshold extends SmallThreshold {
        @Override
        public String name() {
            return "other-threshold";
        }
    }

    static final class Refusing implements FeatureProvider {
        @Override
        public String name() {
            return "refusing";
        }

        @Override
        public Set<Class<?>> seams() {
            return Set.of();
        }

        @Override
        public Module module(Config config) {
            throw new ConfigurationException("Bad configuration: hakmem.refusing.size = '-1'; allowed: a size >= 0");
        }
    }
}
