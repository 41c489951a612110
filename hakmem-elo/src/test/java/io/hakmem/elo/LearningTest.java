package io.hakmem.elo;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static io.hakmem.elo.SyntheticMachine.counter;
import static io.hakmem.elo.SyntheticMachine.counters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The learning logic on a synthetic machine: deterministic, so exact. */
class LearningTest {
    private static final long MIB = 1 << 20;
    private static final long THREE_MIB = 3 * MIB;

    @Test
    void convergesWithin2048AllocationsWhereOneThresholdIsClearlyBest() {
        SyntheticMachine machine = new SyntheticMachine(SyntheticMachine.mappedIsCheap(10_000, 100_000));
        LearningSelector selector = machine.selector("hakmem.evo-policy = learn");
        for (int i = 0; i < 2048; i++) {
            machine.allocate(selector, 0, THREE_MIB);
        }
        long learned = counter(selector, "elo.site.default.threshold");
        assertTrue(learned <= THREE_MIB, "3 MiB blocks should be mapped, learned threshold " + learned);
        long mappedAtTheEnd = machine.decisions.subList(1648, 2048).stream().filter(t -> t <= THREE_MIB).count();
        assertTrue(mappedAtTheEnd >= 300, "exploits what it learned: " + mappedAtTheEnd + " of the last 400");
    }

    @Test
    void aRoundCoversMinSamplesRequestsCountedFromTheSamples() {
        SyntheticMachine machine = new SyntheticMachine(SyntheticMachine.mappedIsCheap(10_000, 100_000));
        LearningSelector selector = machine.selector("hakmem.evo-policy = learn");
        for (int i = 0; i < 20_000; i++) {
            machine.allocate(selector, 0, THREE_MIB);
        }
        long samples = counter(selector, "elo.samples");
        assertEquals(20_000 / 5.0, samples, 5 * Math.sqrt(20_000 / 5.0), "1 in sample-every.learn = 5 is sampled");
        assertEquals(samples / 10, counter(selector, "elo.rounds"), "a round every 10 samples: 50 requests' worth");
    }

    @Test
    void theSameSeedGivesTheSameChoices() {
        SyntheticMachine first = new SyntheticMachine(SyntheticMachine.mappedIsCheap(10_000, 100_000));
        SyntheticMachine second = new SyntheticMachine(SyntheticMachine.mappedIsCheap(10_000, 100_000));
        LearningSelector a = first.selector("hakmem.evo-policy = learn");
        LearningSelector b = second.selector("hakmem.evo-policy = learn");
        for (int i = 0; i < 3000; i++) {
            first.allocate(a, 0, THREE_MIB);
            second.allocate(b, 0, THREE_MIB);
        }
        assertEquals(first.decisions, second.decisions);
        SyntheticMachine other = new SyntheticMachine(SyntheticMachine.mappedIsCheap(10_000, 100_000));
        LearningSelector c = other.selector("hakmem.evo-policy = learn, hakmem.elo.seed = 7");
        for (int i = 0; i < 3000; i++) {
            other.allocate(c, 0, THREE_MIB);
        }
        assertNotEquals(first.decisions, other.decisions, "another seed explores differently");
    }

    @Test
    void ucb1ConvergesToo() {
        SyntheticMachine machine = new SyntheticMachine(SyntheticMachine.mappedIsCheap(10_000, 100_000));
        LearningSelector selector = machine.selector("hakmem.evo-policy = learn, hakmem.elo.bandit = ucb1");
        for (int i = 0; i < 2048; i++) {
            machine.allocate(selector, 0, THREE_MIB);
        }
        assertTrue(counter(selector, "elo.site.default.threshold") <= THREE_MIB);
    }

    /** The audit's case: with its 180 s cooldown, UCB1 froze on the first arm it played. */
    @Test
    void ucb1UnderAutoFreezesOnlyAfterEveryArmPlayedAndOnTheBest() {
        // Only 1.09M and 1.59M are cheap: the first arm played (256K, the default) is not.
        SyntheticMachine machine = new SyntheticMachine(
                (bytes, threshold) -> threshold >= MIB && threshold <= 2 * MIB ? 10_000 : 100_000);
        LearningSelector selector = machine.selector("""
                hakmem.evo-policy = auto
                hakmem.elo { bandit = ucb1, window.operations = 500 }
                """);
        int allocations = 0;
        while (counter(selector, "elo.freezes") == 0 && allocations++ < 50_000) {
            machine.allocate(selector, 0, THREE_MIB);
        }
        assertEquals(1, counter(selector, "elo.freezes"));
        long frozen = counter(selector, "elo.site.default.threshold");
        assertTrue(frozen >= MIB && frozen <= 2 * MIB, "not the first arm played, one of the cheap ones: " + frozen);
        long strategiesPlayed = machine.decisions.stream().distinct().count();
        assertEquals(SyntheticMachine.strategies().length, strategiesPlayed, "every arm was played before freezing");
    }

    @Test
    void autoFreezesThenRelearnsWhenTheSizesMove() {
        SyntheticMachine machine = new SyntheticMachine(SyntheticMachine.mappedIsCheap(10_000, 100_000));
        LearningSelector selector = machine.selector("""
                hakmem.elo { window.operations = 500, sample-every.steady = 10 }
                """);
        int i = 0;
        while (counter(selector, "elo.freezes") == 0 && i++ < 20_000) {
            machine.allocate(selector, 0, THREE_MIB);
        }
        Map<String, Long> frozen = counters(selector);
        assertEquals(1, frozen.get("elo.freezes"));
        assertEquals(Phase.FROZEN.code(), frozen.get("elo.site.default.phase"));
        assertTrue(frozen.get("elo.site.default.threshold") <= THREE_MIB);
        for (int n = 0; n < 1000; n++) {
            machine.allocate(selector, 0, THREE_MIB); // the frozen baseline: a window of 3 MiB requests
        }
        assertEquals(0, counter(selector, "elo.relearns"));

        // The site's requests move to 600 KiB, where malloc is now the cheap path.
        machine.cost = (bytes, threshold) -> bytes >= threshold ? 100_000 : 10_000;
        for (int n = 0; n < 20_000 && counter(selector, "elo.relearns") == 0; n++) {
            machine.allocate(selector, 0, 600 << 10);
        }
        assertEquals(1, counter(selector, "elo.relearns"), "a 25% size shift sends the site back to LEARN");
        assertEquals(Phase.LEARN.code(), counter(selector, "elo.site.default.phase"));
        for (int n = 0; n < 20_000 && counter(selector, "elo.freezes") < 2; n++) {
            machine.allocate(selector, 0, 600 << 10);
        }
        assertEquals(2, counter(selector, "elo.freezes"));
        assertTrue(counter(selector, "elo.site.default.threshold") > 600 << 10, "now malloc'd");
    }

    @Test
    void relearnsAfterThreeWindowsWorseThanTheBaseline() {
        SyntheticMachine machine = new SyntheticMachine(SyntheticMachine.mappedIsCheap(10_000, 100_000));
        LearningSelector selector = machine.selector("""
                hakmem.evo-policy = auto
                hakmem.elo { window.operations = 500, sample-every.steady = 10, freeze-after = 3 }
                """);
        for (int n = 0; n < 20_000 && counter(selector, "elo.freezes") == 0; n++) {
            machine.allocate(selector, 0, THREE_MIB);
        }
        for (int n = 0; n < 1000; n++) {
            machine.allocate(selector, 0, THREE_MIB); // the baseline window
        }
        assertEquals(0, counter(selector, "elo.relearns"));
        machine.cost = (bytes, threshold) -> 200_000; // everything got twice as dear, sizes unchanged
        for (int n = 0; n < 5000 && counter(selector, "elo.relearns") == 0; n++) {
            machine.allocate(selector, 0, THREE_MIB);
        }
        assertEquals(1, counter(selector, "elo.relearns"));
    }

    /**
     * The audit's case: twelve strategies malloc 300 KiB requests alike, and bursts of noise keep swapping the
     * lead among them. By rating alone the site learned for 200,000 to over 1,000,000 allocations; as the same
     * decision, the leader is stable and the site freezes after the tournament and three windows.
     */
    @Test
    void equallyGoodStrategiesDoNotKeepASiteLearning() {
        SplittableRandom random = new SplittableRandom(4);
        long[] calls = {0};
        double[] burst = {1};
        SyntheticMachine machine = new SyntheticMachine((bytes, threshold) -> {
            if (calls[0]++ % 37 == 0) {
                burst[0] = 0.5 + random.nextDouble();
            }
            return Math.round((bytes >= threshold ? 100_000 : 10_000) * burst[0]);
        });
        LearningSelector selector = machine.selector("hakmem.evo-policy = auto, hakmem.elo.max-learn-time = 0s");
        int allocations = 0;
        while (counter(selector, "elo.freezes") == 0 && allocations++ < 100_000) {
            machine.allocate(selector, 0, 300 << 10);
        }
        assertEquals(1, counter(selector, "elo.freezes"), "froze within " + allocations + " allocations");
        assertTrue(counter(selector, "elo.site.default.threshold") > 300 << 10, "on one that mallocs");
    }

    @Test
    void learningStopsAtMaxLearnTimeOnTheBestSoFar() {
        SplittableNoise noise = new SplittableNoise(5);
        // Every strategy costs the same but for noise: the lead never settles by rating.
        SyntheticMachine machine = new SyntheticMachine((bytes, threshold) -> noise.around(50_000));
        LearningSelector selector = machine.selector("""
                hakmem.evo-policy = auto
                hakmem.elo { window { operations = 100000, time = 10ms }, max-learn-time = 1s, freeze-after = 1000 }
                """);
        int n = 0;
        while (counter(selector, "elo.freezes") == 0 && n++ < 100_000) {
            machine.allocate(selector, 0, 600 << 10);
        }
        assertEquals(1, counter(selector, "elo.freezes"));
        assertTrue(machine.nanos() >= 1_000_000_000L, "not before the time limit: " + machine.nanos());
        assertTrue(machine.nanos() < 1_100_000_000L, "at the first window after it: " + machine.nanos());
    }

    @Test
    void canaryPromotesAChallengerThatWins() {
        long[] strategies = SyntheticMachine.strategies();
        Profile profile = new Profile(Map.of("default", new Profile.Entry(32 * MIB, Phase.FROZEN, null)));
        SyntheticMachine machine = new SyntheticMachine(SyntheticMachine.mappedIsCheap(10_000, 100_000));
        LearningSelector selector = machine.selector("""
                hakmem.evo-policy = canary
                hakmem.elo { canary.challenger-rounds = 0.2, window.operations = 1000000 }
                """, profile);
        assertEquals(strategies[strategies.length - 1], counter(selector, "elo.site.default.threshold"));
        assertEquals(Phase.CANARY.code(), counter(selector, "elo.site.default.phase"));
        for (int n = 0; n < 200_000 && counter(selector, "elo.canary-wins") == 0; n++) {
            machine.allocate(selector, 0, THREE_MIB);
        }
        Map<String, Long> after = counters(selector);
        assertEquals(1, after.get("elo.canary-wins"));
        assertTrue(after.get("elo.site.default.threshold") <= THREE_MIB, "the mapping challenger was promoted");
        assertEquals(Phase.CANARY.code(), after.get("elo.site.default.phase"));
    }

    @Test
    void canaryRollsBackChallengersThatLose() {
        SyntheticMachine machine = new SyntheticMachine(SyntheticMachine.mappedIsCheap(10_000, 100_000));
        LearningSelector selector = machine.selector("""
                hakmem.evo-policy = canary
                hakmem.elo { canary.challenger-rounds = 0.2, window.operations = 1000000 }
                """);
        assertEquals(256 << 10, counter(selector, "elo.site.default.threshold"),
                "canary starts frozen at the configured threshold, one of the strategies");
        for (int n = 0; n < 200_000; n++) {
            machine.allocate(selector, 0, THREE_MIB);
        }
        Map<String, Long> after = counters(selector);
        assertTrue(after.get("elo.canary-rollbacks") > 0, "challengers that map nothing lose: " + after);
        assertTrue(after.get("elo.site.default.threshold") <= THREE_MIB, "the frozen choice was kept or one as good: "
                + after);
    }

    /** The audit's case: under canary a site that relearned stayed in LEARN for ever. */
    @Test
    void canaryRelearnsThenFreezesAndTriesChallengersAgain() {
        SyntheticMachine machine = new SyntheticMachine(SyntheticMachine.mappedIsCheap(10_000, 100_000));
        LearningSelector selector = machine.selector("""
                hakmem.evo-policy = canary
                hakmem.elo { window.operations = 500, sample-every.steady = 10 }
                """);
        for (int n = 0; n < 2000; n++) {
            machine.allocate(selector, 0, THREE_MIB); // the baseline: 3 MiB, mapped
        }
        machine.cost = (bytes, threshold) -> bytes >= threshold ? 100_000 : 10_000;
        for (int n = 0; n < 20_000 && counter(selector, "elo.relearns") == 0; n++) {
            machine.allocate(selector, 0, 600 << 10);
        }
        assertEquals(1, counter(selector, "elo.relearns"));
        for (int n = 0; n < 50_000 && counter(selector, "elo.site.default.phase") != Phase.CANARY.code(); n++) {
            machine.allocate(selector, 0, 600 << 10);
        }
        assertEquals(1, counter(selector, "elo.freezes"), "it froze again");
        assertEquals(Phase.CANARY.code(), counter(selector, "elo.site.default.phase"), "and is back in CANARY");
        assertTrue(counter(selector, "elo.site.default.threshold") > 600 << 10, "on what it relearned");
    }

    @Test
    void requestsOutsideTheLearnableRangeCostNothing() {
        SyntheticMachine machine = new SyntheticMachine(SyntheticMachine.mappedIsCheap(10_000, 100_000));
        LearningSelector selector = machine.selector("hakmem.evo-policy = learn");
        for (int n = 0; n < 10_000; n++) {
            machine.allocate(selector, 0, 64 << 10);
            machine.allocate(selector, 0, 64 * MIB);
        }
        assertEquals(0, counter(selector, "elo.samples"));
        assertEquals(0, counter(selector, "elo.rounds"));
    }

    @Test
    void learningStartsAtTheConfiguredThreshold() {
        SyntheticMachine machine = new SyntheticMachine(SyntheticMachine.mappedIsCheap(10_000, 100_000));
        LearningSelector selector = machine.selector("hakmem.evo-policy = learn");
        // The configured threshold (256K) is the smallest strategy, which the bandits try first: LEARNING starts
        // where BALANCED runs, mapping mir's 256 KiB blocks, which are learnable.
        assertEquals(256 << 10, SyntheticMachine.strategies()[0]);
        assertEquals(256 << 10, machine.allocate(selector, 0, 256 << 10));
    }

    /** Costs within +-20% of a mean, from a seeded source. */
    static final class SplittableNoise {
        private final java.util.SplittableRandom random;

        SplittableNoise(long seed) {
            this.random = new java.util.SplittableRandom(seed);
        }

        synchronized long around(long mean) {
            return Math.round(mean * (0.8 + 0.4 * random.nextDouble()));
        }
    }
}
