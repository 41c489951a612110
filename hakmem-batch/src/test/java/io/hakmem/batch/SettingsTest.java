package io.hakmem.batch;

import io.hakmem.ConfigurationException;
import io.hakmem.spi.Reclaimer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsTest {

    @Test
    void theDefaultsAreTheOriginals() {
        BatchSettings settings = BatchSettings.from(Batches.config(""));
        assertEquals(8L << 20, settings.flushBytes());
        assertEquals(256, settings.flushBlocks());
        assertEquals(256L << 20, settings.maxRetainedBytes());
        assertEquals(1024, settings.maxRetainedBlocks());
        assertEquals(Duration.ofSeconds(1), settings.hotWindow());
        assertEquals(Duration.ofSeconds(10), settings.coldAfter());
        assertEquals(Set.of(Reclaimer.class), new BatchFeature().seams());
        assertEquals("batch", new BatchFeature().name());
    }

    @Test
    void theFreePolicyIsReadOnceAndChosenAtCompose() {
        assertInstanceOf(FreePolicy.Keep.class, FreePolicy.of(BatchSettings.from(Batches.config("hakmem.free-policy = KEEP"))));
        assertInstanceOf(FreePolicy.AdviseAll.class, FreePolicy.of(BatchSettings.from(Batches.config(""))));
        assertInstanceOf(FreePolicy.Adaptive.class, FreePolicy.of(BatchSettings.from(Batches.config("hakmem.free-policy = adaptive"))));
    }

    @Test
    void badValuesAreRefusedByKey() {
        assertMessage("hakmem.free-policy = lazy", "hakmem.free-policy", "lazy", "batch, keep, adaptive");
        assertMessage("hakmem.batch.flush-bytes = -1", "hakmem.batch.flush-bytes");
        assertMessage("hakmem.batch.flush-blocks = 0", "hakmem.batch.flush-blocks", ">= 1");
        assertMessage("hakmem.batch.max-retained-bytes = many", "hakmem.batch.max-retained-bytes", "many");
        assertMessage("hakmem.batch.hot-window = -1s", "hakmem.batch.hot-window");
        assertMessage("hakmem.batch.cold-after = soon", "hakmem.batch.cold-after", "soon");
    }

    private static void assertMessage(String overrides, String... parts) {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> new BatchFeature().module(Batches.config(overrides)));
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "'" + part + "' not in " + e.getMessage());
        }
    }
}
