package io.hakmem.elo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.hakmem.elo.SyntheticMachine.counter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Learn in staging, run frozen in production; a bad profile never stops the allocator. */
class ProfileTest {
    private static final long THREE_MIB = 3L << 20;
    private static final EloLog QUIET = new EloLog("off");

    @Test
    void whatLearningWroteRunsFrozenElsewhere(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("learned.conf");
        SyntheticMachine machine = new SyntheticMachine(SyntheticMachine.mappedIsCheap(10_000, 100_000));
        LearningSelector learning = machine.selector("hakmem.evo-policy = learn, hakmem.elo.profile-out = \""
                + file + "\"");
        learning.siteNamed(1, "vm.blocks");
        for (int i = 0; i < 2048; i++) {
            machine.allocate(learning, 1, THREE_MIB);
        }
        learning.close();
        String text = Files.readString(file);
        assertTrue(text.contains("\"vm.blocks\""), text);

        long[] thresholds = SyntheticMachine.strategies();
        Profile profile = Profile.read(file, thresholds, "elo", QUIET);
        Profile.Entry entry = profile.site("vm.blocks").orElseThrow();
        assertTrue(entry.threshold() <= THREE_MIB, "learned " + entry.threshold());
        assertNotNull(entry.scores(), "the same bandit over the same strategies: its scores too");

        FrozenSelector frozen = new FrozenSelector(profile, 256 << 10);
        frozen.siteNamed(1, "vm.blocks");
        frozen.siteNamed(2, "unknown");
        assertEquals(entry.threshold(), frozen.threshold(1, THREE_MIB));
        assertEquals(256 << 10, frozen.threshold(2, THREE_MIB), "a site the profile does not know: the default");

        SyntheticMachine production = new SyntheticMachine(SyntheticMachine.mappedIsCheap(10_000, 100_000));
        LearningSelector auto = production.selector("hakmem.evo-policy = auto", profile);
        auto.siteNamed(1, "vm.blocks");
        assertEquals(Phase.FROZEN.code(), counter(auto, "elo.site.vm.blocks.phase"), "a profile runs FROZEN");
        assertEquals(entry.threshold(), counter(auto, "elo.site.vm.blocks.threshold"));
    }

    @Test
    void nothingLearnedNothingWritten(@TempDir Path dir) {
        Path file = dir.resolve("learned.conf");
        SyntheticMachine machine = new SyntheticMachine(SyntheticMachine.mappedIsCheap(10_000, 100_000));
        LearningSelector learning = machine.selector("hakmem.evo-policy = learn, hakmem.elo.profile-out = \""
                + file + "\"");
        machine.allocate(learning, 0, 64 << 10); // outside the learnable range
        learning.close();
        assertFalse(Files.exists(file));
    }

    @Test
    void writtenOnDemandOnTrimAndAfterAFreezeOffTheAllocatingThread(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("learned.conf");
        SyntheticMachine machine = new SyntheticMachine(SyntheticMachine.mappedIsCheap(10_000, 100_000));
        LearningSelector learning = machine.selector("hakmem.evo-policy = auto, hakmem.elo { profile-out = \""
                + file + "\", window.operations = 500 }");
        for (int i = 0; i < 100; i++) {
            machine.allocate(learning, 0, THREE_MIB);
        }
        assertFalse(Files.exists(file), "never written by an allocation");
        learning.trim(0);
        assertTrue(Files.exists(file), "Hakmem.trim() writes what was learned");
        Files.delete(file);
        learning.trim(0);
        assertFalse(Files.exists(file), "nothing new since: nothing written");

        assertEquals(file.toAbsolutePath(), learning.saveProfile(), "on demand: written whatever changed");
        Files.delete(file);
        for (int i = 0; i < 20_000 && counter(learning, "elo.freezes") == 0; i++) {
            machine.allocate(learning, 0, THREE_MIB);
        }
        assertEquals(1, counter(learning, "elo.freezes"));
        learning.flushReports(); // what the reporter thread does after a freeze, now, to look at it
        assertTrue(Files.readString(file).contains("FROZEN"), "a freeze is written, by the reporter");
    }

    @Test
    void onDemandWithoutADestinationSaysSo() {
        SyntheticMachine machine = new SyntheticMachine(SyntheticMachine.mappedIsCheap(10_000, 100_000));
        LearningSelector learning = machine.selector("hakmem.evo-policy = learn");
        IllegalStateException e = assertThrows(IllegalStateException.class, learning::saveProfile);
        assertTrue(e.getMessage().contains("hakmem.elo.profile-out"), e.getMessage());
    }

    @Test
    void aMissingOrCorruptProfileGivesTheDefaults(@TempDir Path dir) throws Exception {
        long[] thresholds = SyntheticMachine.strategies();
        assertTrue(Profile.read(dir.resolve("nope.conf"), thresholds, "elo", QUIET).sites().isEmpty());
        Path corrupt = dir.resolve("corrupt.conf");
        Files.writeString(corrupt, "version = 1\nsites { x { threshold = lots");
        assertTrue(Profile.read(corrupt, thresholds, "elo", QUIET).sites().isEmpty());
        Path wrongVersion = dir.resolve("v9.conf");
        Files.writeString(wrongVersion, "version = 9, bandit = elo, strategies = [], sites {}");
        assertTrue(Profile.read(wrongVersion, thresholds, "elo", QUIET).sites().isEmpty());
        Path wrongShape = dir.resolve("shape.conf");
        Files.writeString(wrongShape, "version = 1, bandit = elo, strategies = [], sites { x = 3 }");
        assertTrue(Profile.read(wrongShape, thresholds, "elo", QUIET).sites().isEmpty());
        Path badPhase = dir.resolve("phase.conf");
        Files.writeString(badPhase, "version = 1, bandit = elo, strategies = [], sites { x { threshold = 1m, phase = HOT } }");
        assertTrue(Profile.read(badPhase, thresholds, "elo", QUIET).sites().isEmpty());
        Path deep = dir.resolve("deep.conf"); // nested past the parser's recursion: its stack overflows
        Files.writeString(deep, "version = 1, bandit = elo, strategies = [], sites { x = " + "[".repeat(200_000) + " }");
        assertTrue(Profile.read(deep, thresholds, "elo", QUIET).sites().isEmpty());
    }

    @Test
    void aWriteThatFailsLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("profile.conf");
        Files.createDirectory(target); // a directory where the file should go: the move fails
        Files.writeString(target.resolve("inside"), "keeps the directory from being replaced");
        Profile empty = Profile.read(dir.resolve("none.conf"), SyntheticMachine.strategies(), "elo", QUIET);
        assertThrows(java.io.IOException.class, () -> empty.write(target, "elo", SyntheticMachine.strategies()));
        try (var files = Files.list(dir)) {
            assertEquals(java.util.List.of(target), files.toList(), "no temporary file left beside it");
        }
    }

    @Test
    void aProfileIsValidatedAgainstTheStrategiesAndTheBandit(@TempDir Path dir) throws Exception {
        long[] thresholds = SyntheticMachine.strategies();
        String strategies = java.util.Arrays.toString(thresholds);
        String scores = java.util.Arrays.toString(new double[thresholds.length]).replace("0.0", "1500");
        Path file = dir.resolve("mixed.conf");
        Files.writeString(file, """
                version = 1
                bandit = elo
                strategies = %s
                sites {
                  good { threshold = %d, phase = FROZEN, scores = %s }
                  negative { threshold = -5, phase = FROZEN, scores = %s }
                  odd { threshold = 1000000, phase = FROZEN, scores = %s }
                  short { threshold = %d, phase = FROZEN, scores = [1, 2] }
                }
                """.formatted(strategies, thresholds[3], scores, scores, scores, thresholds[4]));
        Profile profile = Profile.read(file, thresholds, "elo", QUIET);
        assertEquals(thresholds[3], profile.site("good").orElseThrow().threshold());
        assertTrue(java.util.Arrays.stream(profile.site("good").orElseThrow().scores()).allMatch(v -> v == 1500));
        assertTrue(profile.site("negative").isEmpty(), "a threshold that is not a strategy: the defaults");
        assertTrue(profile.site("odd").isEmpty(), "1000000 is no strategy: the defaults");
        assertNull(profile.site("short").orElseThrow().scores(), "scores of the wrong shape are dropped");

        Profile byUcb1 = Profile.read(file, thresholds, "ucb1", QUIET);
        assertEquals(thresholds[3], byUcb1.site("good").orElseThrow().threshold(), "another bandit: the thresholds");
        assertNull(byUcb1.site("good").orElseThrow().scores(), "but not ELO ratings as UCB1 rewards");

        SyntheticMachine machine = new SyntheticMachine(SyntheticMachine.mappedIsCheap(10_000, 100_000));
        LearningSelector selector = machine.selector("hakmem.evo-policy = auto", profile);
        selector.siteNamed(1, "odd");
        assertEquals(Phase.LEARN.code(), counter(selector, "elo.site.odd.phase"), "no usable entry: learns");
        assertEquals(Map.of(), new Profile(Map.of()).sites());
    }
}
