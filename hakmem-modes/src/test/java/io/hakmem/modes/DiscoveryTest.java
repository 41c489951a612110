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
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.hakmem.modes.LayeringTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which features compose, and the errors when one is missing or two collide. */
class DiscoveryTest {
    /** Creates the configured mode and prints it with the features whose counters it reports. */
    private static final String CREATE_MAIN = """
            package example.modes;

            import io.hakmem.Hakmem;
            import java.util.Set;
            import java.util.TreeSet;

            public class Main {
                public static void main(String[] args) {
                    try (Hakmem hakmem = Hakmem.create()) {
                        Set<String> features = new TreeSet<>();
                        for (String counter : hakmem.stats().counters().keySet()) {
                            String prefix = counter.substring(0, Math.max(0, counter.indexOf('.')));
                            if (Set.of("bigcache", "batch", "tinypool", "elo").contains(prefix)) {
                                features.add(prefix);
                            }
                        }
                        System.out.println(hakmem.mode() + " " + features);
                    }
                }
            }
            """;

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

    /**
     * A program of its own, on a module path without hakmem-batch: BALANCED, which needs the batch, is refused
     * by the real discovery with the same message; the advice it gives works; a feature that is there composes.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void theRealModulePathRefusesAPresetWhoseFeatureModuleIsAbsent(@TempDir Path dir) throws Exception {
        Path program = ExternalProgram.compile(dir, Map.of(
                "example.modes/module-info.java", "module example.modes { requires io.hakmem; }",
                "example.modes/example/modes/Main.java", CREATE_MAIN));
        String withoutBatch = ExternalProgram.hakmemModulePathWithout("hakmem-batch");

        ExternalProgram.Result balanced = ExternalProgram.java(withoutBatch, program, "example.modes/example.modes.Main",
                Map.of("HAKMEM_MODE", "balanced"));
        assertNotEquals(0, balanced.exitCode(), balanced.out());
        assertTrue(balanced.err().contains("ConfigurationException: Mode BALANCED enables feature 'batch', but no "
                + "provider of it is on the module path: add the module io.hakmem.batch (artifact "
                + "io.github.hakmem:hakmem-batch) to the module path, or turn it off with HAKMEM_BATCH=0"),
                balanced.err());

        ExternalProgram.Result advised = ExternalProgram.java(withoutBatch, program, "example.modes/example.modes.Main",
                Map.of("HAKMEM_MODE", "balanced", "HAKMEM_BATCH", "0"));
        assertEquals(0, advised.exitCode(), advised.err());
        assertEquals("BALANCED [bigcache, elo, tinypool]", advised.out().strip(), advised.err());

        ExternalProgram.Result cached = ExternalProgram.java(withoutBatch, program, "example.modes/example.modes.Main",
                Map.of("HAKMEM_MODE", "minimal", "HAKMEM_BIGCACHE", "1"));
        assertEquals(0, cached.exitCode(), cached.err());
        assertEquals("MINIMAL [bigcache]", cached.out().strip(), cached.err());
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
