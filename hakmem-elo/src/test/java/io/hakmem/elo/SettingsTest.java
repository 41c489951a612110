package io.hakmem.elo;

import io.hakmem.ConfigurationException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsTest {

    @Test
    void theOriginalsTwelveThresholds() {
        long[] thresholds = EloSettings.from(SyntheticMachine.config("")).thresholds();
        assertEquals(12, thresholds.length);
        assertEquals(512 << 10, thresholds[0]);
        assertEquals(32 << 20, thresholds[11]);
        for (int i = 1; i < thresholds.length; i++) {
            double ratio = (double) thresholds[i] / thresholds[i - 1];
            assertEquals(Math.pow(64, 1.0 / 11), ratio, 0.01, "geometric steps");
        }
        long[] more = EloSettings.from(SyntheticMachine.config("hakmem.elo.strategies.extra = [256k, 3m]")).thresholds();
        assertEquals(14, more.length);
        assertEquals(256 << 10, more[0]);
    }

    @Test
    void badValuesAreRefusedByKey() {
        assertMessage(() -> new EloFeature().module(SyntheticMachine.config("hakmem.elo.bandit = thompson")),
                "hakmem.elo.bandit", "thompson", "elo, ucb1");
        assertMessage(() -> EloSettings.from(SyntheticMachine.config("hakmem.elo.epsilon = 2")),
                "hakmem.elo.epsilon", "[0.0, 1.0]");
        assertMessage(() -> EloSettings.from(SyntheticMachine.config("hakmem.elo.min-samples = 0")),
                "hakmem.elo.min-samples");
        assertMessage(() -> EloSettings.from(SyntheticMachine.config("hakmem.elo.strategies { min = 8m, max = 1m }")),
                "hakmem.elo.strategies");
    }

    @Test
    void frozenCostsOneArrayRead() {
        FrozenSelector frozen = new FrozenSelector(Profile.empty(), 256 << 10);
        frozen.siteNamed(0, "default");
        assertArrayEquals(new long[] {256 << 10, 256 << 10},
                new long[] {frozen.threshold(0, 1), frozen.threshold(0, 1L << 30)});
    }

    private static void assertMessage(Runnable action, String... parts) {
        ConfigurationException e = assertThrows(ConfigurationException.class, action::run);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "'" + part + "' not in " + e.getMessage());
        }
    }
}
