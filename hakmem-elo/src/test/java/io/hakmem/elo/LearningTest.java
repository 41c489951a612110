package io.hakmem.elo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The learning logic on a synthetic machine: deterministic, so exact. */
class LearningTest {
    private static final long MIB = 1 << 20;
    private static final long THREE_MIB = 3 * MIB;

    private static Map<String, Long> counters(LearningSelector selector) {
        Map<String, Long> counters = new HashMap<>();
        selector.report(counters::put);
        return counters;
    }

    @Test
    void convergesWithin2048AllocationsWhereOneThresholdIsClearlyBest() {
        SyntheticMachine machine = new SyntheticMachine(SyntheticMachine.mappedIsCheap(10_000, 100_000));
        LearningSelector selector = machine.selector("hakmem.evo-policy = learn");
        for (int i = 0; i < 2048; i++) {
            machine.allocate(selector, 0, THREE_MIB);
        }
        long learned = counters(selector).get("elo.site.default.threshold");
        assertTrue(learned <= THREE_MIB, "3 MiB blocks should be mapped, learned threshold " + learned);
        long mappedAtTheEnd = machine.decisions.subList(1648, 2048).stream().filter(t -> t <= THREE_MIB).count();
        assertTrue(mappedAtTheEnd >= 300, "exploits what it learned: " + mappedAtTheEnd + " of the last 400");
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
        LearningSelector selector = machine.selector(
                "hakmem.evo-policy = learn, hakmem.elo.bandit = ucb1, hakmem.elo.ucb1.cooldown = 0s");
        for (int i = 0; i < 2048; i++) {
            machine.allocate(selector, 0, THREE_MIB);
        }
        assertTrue(counters(selector).get("elo.site.default.threshold") <= THREE_MIB);
    }

    @Test
    void autoFreezesThenRelearnsWhenTheSizesMove() {
        SyntheticMachine machine = new SyntheticMachine(SyntheticMachine.mappedIsCheap(10_000, 100_000));
        LearningSelector selector = machine.selector("""
                hakmem.elo { window.operations = 500, sample-every = 10 }
                """);
        int i = 0;
        while (counters(selector).get("elo.freezes") == 0 && i++ < 20_000) {
            machine.allocate(selector, 0, THREE_MIB);
        }
        Map<String, Long> frozen = counters(selector);
        assertEquals(1, frozen.get("elo.freezes"));
        assertTrue(frozen.get("elo.site.default.phase") >= Phase.FROZEN.ordinal());
        assertTrue(frozen.get("elo.site.default.threshold") <= THREE_MIB);
        for (int n = 0; n < 1000; n++) {
            machine.allocate(selector, 0, THREE_MIB); // the frozen baseline: a window of 3 MiB requests
        }
        assertEquals(0, counters(selector).get("elo.relearns"));

        // The site's requests move to 600 KiB, where malloc is now the cheap path.
        machine.cost = (bytes, threshold) -> bytes >= threshold ? 100_000 : 10_000;
        for (int n = 0; n < 20_000 && counters(selector).get("elo.relearns") == 0; n++) {
            machine.allocate(selector, 0, 600 << 10);
        }
        assertEquals(1, counters(selector).get("elo.relearns"), "a 25% size shift sends the site back to LEARN");
        for (int n = 0; n < 20_000 && counters(selector).get("elo.freezes") < 2; n++) {
            machine.allocate(selector, 0, 600 << 10);
        }
        assertEquals(2, counters(selector).get("elo.freezes"));
        assertTrue(counters(selector).get("elo.site.default.threshold") > 600 << 10, "now malloc'd");
    }

    @Test
    void relearnsAfterThreeWindowsWorseThanTheBaseline() {
        SyntheticMachine machine = new SyntheticMachine(SyntheticMachine.mappedIsCheap(10_000, 100_000));
        LearningSelector selector = machine.selector("""
                hakmem.evo-policy = auto
                hakmem.elo { window.operations = 500, sample-every = 10, freeze-after = 3 }
                """);
        for (int n = 0; n < 20_000 && counters(selector).get("elo.freezes") == 0; n++) {
            machine.allocate(selector, 0, THREE_MIB);
        }
        for (int n = 0; n < 1000; n++) {
            machine.allocate(selector, 0, THREE_MIB); // the baseline window
        }
        assertEquals(0, counters(selector).get("elo.relearns"));
        machine.cost = (bytes, threshold) -> 200_000; // everything got twice as dear, sizes unchanged
        for (int n = 0; n < 5000 && counters(selector).get("elo.relearns") == 0; n++) {
            machine.allocate(selector, 0, THREE_MIB);
        }
        assertEquals(1, counters(selector).get("elo.relearns"));
    }

    @Test
    void canaryPromotesAChallengerThatWins(@TempDir Path dir) throws Exception {
        Path profile = dir.resolve("bad.conf");
        Files.writeString(profile, """
                version = 1
                bandit = elo
                strategies = []
                sites { default { threshold = 32m, phase = FROZEN, scores = [] } }
                """);
        SyntheticMachine machine = new SyntheticMachine(SyntheticMachine.mappedIsCheap(10_000, 100_000));
        LearningSelector selector = machine.selector("""
                hakmem.evo-policy = canary
                hakmem.elo { canary.share = 0.2, window.operations = 100000 }
                """, Profile.read(profile, EloSettings.from(SyntheticMachine.config("")).thresholds(),
                new EloLog("off")));
        assertEquals(32 * MIB, counters(selector).get("elo.site.default.threshold"));
        for (int n = 0; n < 20_000 && counters(selector).get("elo.canary-wins") == 0; n++) {
            machine.allocate(selector, 0, THREE_MIB);
        }
        Map<String, Long> after = counters(selector);
        assertEquals(1, after.get("elo.canary-wins"));
        assertTrue(after.get("elo.site.default.threshold") <= THREE_MIB, "the mapping challenger was promoted");
        assertEquals(Phase.CANARY.ordinal(), after.get("elo.site.default.phase"));
    }

    @Test
    void canaryRollsBackChallengersThatLose() {
        SyntheticMachine machine = new SyntheticMachine(SyntheticMachine.mappedIsCheap(10_000, 100_000));
        LearningSelector selector = machine.selector("""
                hakmem.evo-policy = canary
                hakmem.large-threshold = 1m
                hakmem.elo { canary.share = 0.2, window.operations = 100000 }
                """);
        long[] strategies = EloSettings.from(SyntheticMachine.config("")).thresholds();
        long frozen = counters(selector).get("elo.site.default.threshold");
        assertEquals(strategies[Strategies.nearest(strategies, MIB)], frozen,
                "canary starts frozen at the strategy nearest the default threshold");
        for (int n = 0; n < 10_000; n++) {
            machine.allocate(selector, 0, THREE_MIB);
        }
        Map<String, Long> after = counters(selector);
        assertTrue(after.get("elo.canary-rollbacks") > 0, "challengers that map nothing lose: " + after);
        assertTrue(after.get("elo.site.default.threshold") <= THREE_MIB, "the frozen choice was kept or improved");
    }

    @Test
    void requestsOutsideTheLearnableRangeCostNothing() {
        SyntheticMachine machine = new SyntheticMachine(SyntheticMachine.mappedIsCheap(10_000, 100_000));
        LearningSelector selector = machine.selector("hakmem.evo-policy = learn");
        for (int n = 0; n < 10_000; n++) {
            machine.allocate(selector, 0, 64 << 10);
            machine.allocate(selector, 0, 64 * MIB);
        }
        assertEquals(0, counters(selector).get("elo.rounds"));
    }
}
