package io.hakmem.elo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Learn in staging, run frozen in production; a bad profile never stops the allocator. */
class ProfileTest {
    private static final long THREE_MIB = 3L << 20;

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

        long[] thresholds = EloSettings.from(SyntheticMachine.config("")).thresholds();
        Profile profile = Profile.read(file, thresholds, new EloLog("off"));
        long learned = profile.site("vm.blocks").orElseThrow().threshold();
        assertTrue(learned <= THREE_MIB, "learned " + learned);

        FrozenSelector frozen = new FrozenSelector(profile, 256 << 10);
        frozen.siteNamed(1, "vm.blocks");
        frozen.siteNamed(2, "unknown");
        assertEquals(learned, frozen.threshold(1, THREE_MIB));
        assertEquals(256 << 10, frozen.threshold(2, THREE_MIB), "a site the profile does not know: the default");

        SyntheticMachine production = new SyntheticMachine(SyntheticMachine.mappedIsCheap(10_000, 100_000));
        LearningSelector auto = production.selector("hakmem.evo-policy = auto", profile);
        auto.siteNamed(1, "vm.blocks");
        Map<String, Long> counters = new HashMap<>();
        auto.report(counters::put);
        assertEquals(Phase.FROZEN.ordinal(), counters.get("elo.site.vm.blocks.phase"), "a profile runs FROZEN");
        assertEquals(learned, counters.get("elo.site.vm.blocks.threshold"));
    }

    @Test
    void aMissingOrCorruptProfileGivesTheDefaults(@TempDir Path dir) throws Exception {
        long[] thresholds = EloSettings.from(SyntheticMachine.config("")).thresholds();
        assertTrue(Profile.read(dir.resolve("nope.conf"), thresholds, new EloLog("off")).sites().isEmpty());
        Path corrupt = dir.resolve("corrupt.conf");
        Files.writeString(corrupt, "version = 1\nsites { x { threshold = lots");
        assertTrue(Profile.read(corrupt, thresholds, new EloLog("off")).sites().isEmpty());
        Path wrongVersion = dir.resolve("v9.conf");
        Files.writeString(wrongVersion, "version = 9, strategies = [], sites {}");
        assertTrue(Profile.read(wrongVersion, thresholds, new EloLog("off")).sites().isEmpty());
        Path wrongShape = dir.resolve("shape.conf");
        Files.writeString(wrongShape, "version = 1, strategies = [], sites { x = 3 }");
        assertTrue(Profile.read(wrongShape, thresholds, new EloLog("off")).sites().isEmpty());
    }
}
