package io.hakmem.elo;

import io.hakmem.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsTest {

    @Test
    void theOriginalsTwelveThresholdsAndTheConfiguredOne() {
        long[] thresholds = EloSettings.from(SyntheticMachine.config("")).thresholds();
        assertEquals(13, thresholds.length);
        assertEquals(256 << 10, thresholds[0], "hakmem.large-threshold: where a frozen site runs");
        assertEquals(512 << 10, thresholds[1]);
        assertEquals(32 << 20, thresholds[12]);
        for (int i = 2; i < thresholds.length; i++) {
            double ratio = (double) thresholds[i] / thresholds[i - 1];
            assertEquals(Math.pow(64, 1.0 / 11), ratio, 0.01, "geometric steps");
        }
        long[] original = EloSettings.from(SyntheticMachine.config(
                "hakmem.elo.strategies.include-large-threshold = false")).thresholds();
        assertEquals(12, original.length);
        assertEquals(512 << 10, original[0]);
        long[] more = EloSettings.from(SyntheticMachine.config("hakmem.elo.strategies.extra = [128k, 3m]")).thresholds();
        assertEquals(15, more.length);
        assertEquals(128 << 10, more[0]);
    }

    @Test
    void aRoundIsMinSamplesRequestsAtTheLearningRate() {
        EloSettings settings = EloSettings.from(SyntheticMachine.config(""));
        assertEquals(5, settings.learnEvery());
        assertEquals(100, settings.steadyEvery());
        assertEquals(10, settings.roundSamples(), "50 requests at 1 in 5");
        assertEquals(1, EloSettings.from(SyntheticMachine.config("hakmem.elo.min-samples = 4")).roundSamples());
        assertEquals(429_496_730, EloSettings.from(SyntheticMachine.config("hakmem.elo.min-samples = 2147483647"))
                .roundSamples(), "the largest count, rounded up at 1 in 5, not wrapped below 0");
    }

    @Test
    void aProfileDestinationThatIsNoFileIsRefusedAtCreate() {
        assertMessage(() -> EloSettings.from(SyntheticMachine.config("hakmem.elo.profile-out = \"/\"")),
                "hakmem.elo.profile-out");
        assertMessage(() -> EloSettings.from(SyntheticMachine.config("hakmem.elo.profile-out = \"a\\u0000b\"")),
                "hakmem.elo.profile-out");
    }

    @Test
    void badValuesAreRefusedByKey() {
        assertMessage(() -> new EloFeature().module(SyntheticMachine.config("hakmem.elo.bandit = thompson")),
                "hakmem.elo.bandit", "thompson", "elo, ucb1");
        assertMessage(() -> EloSettings.from(SyntheticMachine.config("hakmem.elo.epsilon = 2")),
                "hakmem.elo.epsilon", "[0.0, 1.0]");
        assertMessage(() -> EloSettings.from(SyntheticMachine.config("hakmem.elo.min-samples = 0")),
                "hakmem.elo.min-samples");
        assertMessage(() -> EloSettings.from(SyntheticMachine.config("hakmem.elo.sample-every.learn = 0")),
                "hakmem.elo.sample-every.learn");
        assertMessage(() -> EloSettings.from(SyntheticMachine.config("hakmem.elo.freeze-epsilon = -1")),
                "hakmem.elo.freeze-epsilon");
        assertMessage(() -> EloSettings.from(SyntheticMachine.config("hakmem.elo.strategies { min = 8m, max = 1m }")),
                "hakmem.elo.strategies");
        assertMessage(() -> EloSettings.from(SyntheticMachine.config("hakmem.elo.strategies.count = 70")),
                "hakmem.elo.strategies", "at most 64");
    }

    @Test
    void frozenCostsOneArrayReadAndSaysSo() {
        FrozenSelector frozen = new FrozenSelector(Profile.empty(), 256 << 10);
        frozen.siteNamed(0, "default");
        assertArrayEquals(new long[] {256 << 10, 256 << 10},
                new long[] {frozen.threshold(0, 1), frozen.threshold(0, 1L << 30)});
        Map<String, Long> counters = new HashMap<>();
        frozen.report(counters::put);
        assertEquals(Phase.FROZEN.code(), counters.get("elo.site.default.phase"));
        assertEquals(0L, counters.get("elo.rounds"), "reported, and 0: " + counters);
        assertEquals(0L, counters.get("elo.samples"), "reported, and 0: " + counters);
    }

    @Test
    void aFeatureThatIsOffSaysWhichOfItsSettingsDoNothing() {
        EloFeature elo = new EloFeature();
        assertEquals(0, elo.ignoredSettings(SyntheticMachine.config("hakmem.evo-policy = frozen")).size());
        String profile = String.join("\n", elo.ignoredSettings(SyntheticMachine.config(
                "hakmem { mode = fast, evo-policy = frozen, elo.profile = learned.conf }")));
        assertTrue(profile.contains("hakmem.elo.profile = 'learned.conf' is ignored") && profile.contains("fast"), profile);
        String policy = String.join("\n", elo.ignoredSettings(SyntheticMachine.config("hakmem.evo-policy = learn")));
        assertTrue(policy.contains("hakmem.evo-policy = learn has no effect"), policy);
    }

    private static void assertMessage(Runnable action, String... parts) {
        ConfigurationException e = assertThrows(ConfigurationException.class, action::run);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "'" + part + "' not in " + e.getMessage());
        }
    }
}
