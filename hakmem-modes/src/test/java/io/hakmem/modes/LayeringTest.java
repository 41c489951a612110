package io.hakmem.modes;

import io.hakmem.ConfigurationException;
import io.hakmem.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** reference.conf < application.conf < preset < environment < system properties < builder. */
class LayeringTest {

    @Test
    void balancedWhenNothingIsSet() {
        LayeredConfig config = Compositions.with().resolve();
        assertEquals(Mode.BALANCED, config.mode());
        assertEquals("auto", config.hakmem().getString("thp"));
        assertEquals("frozen", config.hakmem().getString("evo-policy"));
        assertTrue(config.warnings().isEmpty());
    }

    @Test
    void presetsFollowTheFeatureMatrix() {
        assertMatrix(Mode.MINIMAL, "", "batch", "off", "off", "off");
        assertMatrix(Mode.FAST, "batch,bigcache,midpool,tinypool", "adaptive", "auto", "frozen", "off");
        assertMatrix(Mode.BALANCED, "batch,bigcache,elo,midpool,tinypool", "adaptive", "auto", "frozen", "off");
        assertMatrix(Mode.LEARNING, "batch,bigcache,elo,midpool", "adaptive", "auto", "auto", "minimal");
        assertMatrix(Mode.RESEARCH, "batch,bigcache,elo,midpool", "adaptive", "on", "learn", "verbose");
    }

    private static void assertMatrix(Mode mode, String features, String freePolicy, String thp, String evo,
                                     String debug) {
        LayeredConfig config = Compositions.with().mode(mode).resolve();
        assertEquals(features, String.join(",", config.enabledFeatures()), mode + " features");
        assertEquals(freePolicy, config.hakmem().getString("free-policy"), mode + " free-policy");
        assertEquals(thp, config.hakmem().getString("thp"), mode + " thp");
        assertEquals(evo, config.hakmem().getString("evo-policy"), mode + " evo-policy");
        assertEquals(debug, config.hakmem().getString("debug"), mode + " debug");
    }

    @Test
    void modeComesFromBuilderThenPropertyThenEnvironment() {
        assertEquals(Mode.MINIMAL, Compositions.with().env("HAKMEM_MODE", "minimal").resolve().mode());
        assertEquals(Mode.FAST, Compositions.with().env("HAKMEM_MODE", "minimal")
                .property("hakmem.mode", "FAST").resolve().mode());
        assertEquals(Mode.RESEARCH, Compositions.with().env("HAKMEM_MODE", "minimal")
                .property("hakmem.mode", "fast").mode(Mode.RESEARCH).resolve().mode());
    }

    @Test
    void aModeWithOneOverrideIsThatModeWithIt() {
        // HAKMEM_MODE=balanced HAKMEM_THP=off is BALANCED with THP off.
        LayeredConfig config = Compositions.with().env("HAKMEM_MODE", "balanced").env("HAKMEM_THP", "off").resolve();
        assertEquals(Mode.BALANCED, config.mode());
        assertEquals("off", config.hakmem().getString("thp"));
        assertEquals("adaptive", config.hakmem().getString("free-policy"));
        assertTrue(config.warnings().isEmpty());
    }

    @Test
    void individualVariablesWithoutModeApplyToTheDefaultAndWarn() {
        LayeredConfig config = Compositions.with().env("HAKMEM_FREE_POLICY", "keep").env("HAKMEM_ELO", "0").resolve();
        assertEquals(Mode.BALANCED, config.mode());
        assertEquals("keep", config.hakmem().getString("free-policy"));
        assertFalse(config.enabled("elo"));
        assertEquals(1, config.warnings().size());
        assertTrue(config.warnings().getFirst().contains("HAKMEM_ELO, HAKMEM_FREE_POLICY"), config.warnings().getFirst());
        assertTrue(config.warnings().getFirst().contains("deprecated"));
    }

    @Test
    void everyIndividualVariableMapsToItsKey() {
        LayeredConfig config = Compositions.with().env("HAKMEM_MODE", "minimal")
                .env("HAKMEM_THP", "on").env("HAKMEM_FREE_POLICY", "adaptive").env("HAKMEM_EVO_POLICY", "canary")
                .env("HAKMEM_DEBUG", "verbose").env("HAKO_HAKMEM_LARGE_MMAP", "0")
                .env("HAKMEM_BIGCACHE", "1").env("HAKMEM_BATCH", "on").env("HAKMEM_TINYPOOL", "true")
                .env("HAKMEM_ELO", "yes").resolve();
        assertEquals("on", config.hakmem().getString("thp"));
        assertEquals("adaptive", config.hakmem().getString("free-policy"));
        assertEquals("canary", config.hakmem().getString("evo-policy"));
        assertEquals("verbose", config.hakmem().getString("debug"));
        assertFalse(config.hakmem().getBoolean("large-mmap"));
        assertEquals("batch,bigcache,elo,tinypool", String.join(",", config.enabledFeatures()));
    }

    @Test
    void systemPropertiesBeatTheEnvironmentAndTheBuilderBeatsBoth() {
        Compositions layers = Compositions.with().env("HAKMEM_MODE", "minimal").env("HAKMEM_THP", "off")
                .property("hakmem.thp", "on").property("hakmem.features.bigcache", "1");
        LayeredConfig config = layers.resolve();
        assertEquals("on", config.hakmem().getString("thp"));
        assertTrue(config.enabled("bigcache"));
        LayeredConfig built = layers.set("thp", "auto").feature("bigcache", false).resolve();
        assertEquals("auto", built.hakmem().getString("thp"));
        assertFalse(built.enabled("bigcache"));
    }

    @Test
    void measurementStepsAreToggles() {
        LayeredConfig step2 = Compositions.with().mode(Mode.MINIMAL).feature("bigcache", true).resolve();
        assertEquals("bigcache", String.join(",", step2.enabledFeatures()));
        LayeredConfig step3 = Compositions.with().mode(Mode.MINIMAL).feature("bigcache", true).feature("batch", true)
                .resolve();
        assertEquals("batch,bigcache", String.join(",", step3.enabledFeatures()));
    }

    @Test
    void applicationConfSitsBetweenReferenceAndPreset(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("application.conf"), """
                hakmem {
                  mode = minimal
                  large-threshold = 1m
                  thp = on
                  presets.minimal.debug = verbose
                }
                """);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            LayeredConfig config = Compositions.with().loader(loader).resolve();
            assertEquals(Mode.MINIMAL, config.mode());
            assertEquals(1024 * 1024, config.hakmem().getBytes("large-threshold"));
            assertEquals("off", config.hakmem().getString("thp"), "the preset wins over application.conf");
            assertEquals("verbose", config.hakmem().getString("debug"), "application.conf may edit a preset");
        }
    }

    @Test
    void unknownModeIsRefusedWithTheAllowedValues() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> Compositions.with().env("HAKMEM_MODE", "turbo").resolve());
        assertMessage(e, "HAKMEM_MODE", "turbo", "minimal, fast, balanced, learning, research");
        ConfigurationException property = assertThrows(ConfigurationException.class,
                () -> Compositions.with().property("hakmem.mode", "warp").resolve());
        assertMessage(property, "-Dhakmem.mode", "warp");
    }

    @Test
    void unknownFeatureIsRefused() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> Compositions.with().mode(Mode.MINIMAL).feature("turbocache", true).resolve());
        assertMessage(e, "Unknown feature 'turbocache'", "batch, bigcache, elo, midpool, tinypool");
    }

    @Test
    void badPolicyValuesAreRefusedBeforeAnythingIsComposed() {
        assertMessage(assertThrows(ConfigurationException.class,
                        () -> Compositions.with().mode(Mode.MINIMAL).env("HAKMEM_THP", "sometimes").compose()),
                "hakmem.thp", "sometimes", "off, auto, on");
        assertMessage(assertThrows(ConfigurationException.class,
                        () -> Compositions.with().mode(Mode.MINIMAL).set("free-policy", "hoard").compose()),
                "hakmem.free-policy", "hoard", "batch, keep, adaptive");
        assertMessage(assertThrows(ConfigurationException.class,
                        () -> Compositions.with().mode(Mode.MINIMAL).property("hakmem.evo-policy", "x").compose()),
                "hakmem.evo-policy", "'x'", "off, learn, frozen, canary, auto");
        assertMessage(assertThrows(ConfigurationException.class,
                        () -> Compositions.with().mode(Mode.MINIMAL).env("HAKMEM_DEBUG", "loud").compose()),
                "hakmem.debug", "loud", "off, minimal, verbose");
        assertMessage(assertThrows(ConfigurationException.class,
                        () -> Compositions.with().mode(Mode.MINIMAL).env("HAKMEM_BIGCACHE", "maybe").compose()),
                "HAKMEM_BIGCACHE", "maybe", "1, 0");
    }

    @Test
    void negativeAndMalformedSizesAreRefused() {
        assertMessage(assertThrows(ConfigurationException.class,
                        () -> Compositions.with().mode(Mode.MINIMAL).set("large-threshold", "-1").compose()),
                "hakmem.large-threshold", "-1", ">= 0");
        assertMessage(assertThrows(ConfigurationException.class,
                        () -> Compositions.with().mode(Mode.MINIMAL).set("large-threshold", "lots").compose()),
                "hakmem.large-threshold", "lots");
    }

    @Test
    void typosAreErrorsNotSilentDefaults() {
        assertMessage(assertThrows(ConfigurationException.class,
                        () -> Compositions.with().mode(Mode.MINIMAL).set("large-treshold", "1m").resolve()),
                "Unknown configuration key hakmem.large-treshold", "the builder");
        assertMessage(assertThrows(ConfigurationException.class,
                        () -> Compositions.with().property("hakmem.bigcache-size", "1m").resolve()),
                "hakmem.bigcache-size", "system properties");
    }

    /** The builder takes HOCON values, as it says: quotes, lists and sizes mean what they mean in a .conf file. */
    @Test
    void builderValuesAreHocon() {
        LayeredConfig config = Compositions.with().set("elo.profile-out", "\"/tmp/profile.conf\"")
                .set("bigcache.classes", "[512k, 1m]").set("idle-release.delay", "250ms").resolve();
        assertEquals("/tmp/profile.conf", config.hakmem().getString("elo.profile-out"), "the quotes are HOCON's");
        assertEquals(java.util.List.of(512L << 10, 1L << 20), config.hakmem().getBytesList("bigcache.classes"));
        assertEquals(java.time.Duration.ofMillis(250), config.hakmem().getDuration("idle-release.delay"));
        assertMessage(assertThrows(ConfigurationException.class,
                        () -> Compositions.with().set("elo.profile-out", "/tmp//profile.conf").resolve()),
                "hakmem.elo.profile-out", "quote it");
        assertMessage(assertThrows(ConfigurationException.class,
                        () -> Compositions.with().set("thp", "{ broken").resolve()),
                "hakmem.thp", "not a HOCON value");
    }

    static void assertMessage(Throwable e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "'" + part + "' not in: " + e.getMessage());
        }
    }
}
