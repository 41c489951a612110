package io.hakmem.modes;

import io.hakmem.ConfigurationException;
import io.hakmem.Hakmem;
import io.hakmem.Mode;
import org.junit.jupiter.api.Test;

import static io.hakmem.modes.LayeringTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The large path's settings through every layer: validated at create, typos refused, toggles by name. */
class LargeSettingsTest {

    @Test
    void badValuesAreRefusedWithTheirKeyBeforeAnythingIsMapped() {
        assertMessage(assertThrows(ConfigurationException.class,
                () -> LargeBlockFixtures.balanced().set("idle-release.delay", "-1s").build()), "hakmem.idle-release.delay");
        assertMessage(assertThrows(ConfigurationException.class,
                () -> LargeBlockFixtures.balanced().set("idle-release.floor", "lots").build()), "hakmem.idle-release.floor", "lots");
        assertMessage(assertThrows(ConfigurationException.class,
                () -> LargeBlockFixtures.balanced().set("bigcache.max-bytes", "-5").build()), "hakmem.bigcache.max-bytes");
        assertMessage(assertThrows(ConfigurationException.class,
                () -> LargeBlockFixtures.balanced().set("bigcache.classes", "[2m, 1m]").build()), "hakmem.bigcache.classes");
        assertMessage(assertThrows(ConfigurationException.class,
                () -> LargeBlockFixtures.balanced().set("batch.flush-blocks", "0").build()), "hakmem.batch.flush-blocks");
        assertMessage(assertThrows(ConfigurationException.class,
                () -> LargeBlockFixtures.balanced().set("bigcache.max-byte", "1m").build()), "hakmem.bigcache.max-byte");
        assertMessage(assertThrows(ConfigurationException.class,
                () -> Hakmem.builder().mode(Mode.MINIMAL).set("free-policy", "lazy").build()), "hakmem.free-policy", "lazy");
        assertThrows(ConfigurationException.class, // a request of 0 bytes would be mapped (MidPool's check comes first)
                () -> Hakmem.builder().mode(Mode.MINIMAL).set("large-threshold", "0").build());
        assertMessage(assertThrows(ConfigurationException.class, // its unit table would not fit the Java heap
                () -> Hakmem.builder().mode(Mode.FAST).set("midpool.reserve", "64t").build()), "hakmem.midpool.reserve");
    }

    @Test
    void theMeasurementStepsArePlainToggles() {
        try (Hakmem minimal = Hakmem.create(Mode.MINIMAL)) {
            assertFalse(minimal.stats().counters().containsKey("bigcache.hits"));
            assertFalse(minimal.stats().counters().containsKey("batch.flushes"));
        }
        try (Hakmem step2 = Hakmem.builder().mode(Mode.MINIMAL).enable("bigcache").build()) {
            assertTrue(step2.stats().counters().containsKey("bigcache.hits"));
            assertFalse(step2.stats().counters().containsKey("batch.flushes"));
        }
        try (Hakmem step3 = Hakmem.builder().mode(Mode.MINIMAL).enable("bigcache").enable("batch").build()) {
            assertTrue(step3.stats().counters().containsKey("batch.flushes"));
        }
        Composer.Composition balanced = Compositions.with().mode(Mode.BALANCED).feature("tinypool", false)
                .env("HAKMEM_BATCH", "0").compose();
        try (Hakmem hakmem = balanced.allocator()) {
            assertEquals(java.util.List.of("bigcache", "elo", "midpool"), balanced.features());
            assertFalse(hakmem.stats().counters().containsKey("batch.flushes"));
        }
    }
}
