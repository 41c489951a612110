package io.hakmem.bigcache;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.hakmem.ConfigurationException;
import io.hakmem.spi.LargeBlockCache;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsTest {

    static Config config(String overrides) {
        return ConfigFactory.parseString(overrides)
                .withFallback(ConfigFactory.defaultReference(SettingsTest.class.getClassLoader()))
                .resolve()
                .getConfig("hakmem");
    }

    @Test
    void theDefaultsAreTheOriginalsClassesAnd256MiB() {
        BigCacheSettings settings = BigCacheSettings.from(config(""));
        assertArrayEquals(BigCacheTest.ORIGINAL, settings.classes());
        assertEquals(256L << 20, settings.maxBytes());
        BigCacheFeature feature = new BigCacheFeature();
        assertEquals("bigcache", feature.name());
        assertEquals(java.util.Set.of(LargeBlockCache.class), feature.seams());
    }

    @Test
    void badValuesAreRefusedByKey() {
        assertMessage("hakmem.bigcache.classes = [1m, 512k]", "hakmem.bigcache.classes", "increasing");
        assertMessage("hakmem.bigcache.classes = [1m, 1m]", "hakmem.bigcache.classes");
        assertMessage("hakmem.bigcache.classes = [1000]", "hakmem.bigcache.classes", "multiple of the page size");
        assertMessage("hakmem.bigcache.classes = []", "hakmem.bigcache.classes");
        assertMessage("hakmem.bigcache.classes = [big]", "hakmem.bigcache.classes", "big");
        assertMessage("hakmem.bigcache.max-bytes = -1", "hakmem.bigcache.max-bytes");
        assertMessage("hakmem.bigcache.max-bytes = lots", "hakmem.bigcache.max-bytes", "lots");
        ConfigurationException page = assertThrows(ConfigurationException.class,
                () -> SizeClasses.of(new long[] {8192, 12288}, 8192));
        assertTrue(page.getMessage().contains("8192 bytes"), page.getMessage());
    }

    private static void assertMessage(String overrides, String... parts) {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> new BigCacheFeature().module(config(overrides)));
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "'" + part + "' not in " + e.getMessage());
        }
    }
}
