package io.hakmem.modes;

import io.hakmem.Hakmem;
import io.hakmem.HakmemStats;
import io.hakmem.Mode;
import io.hakmem.Site;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.hakmem.modes.EloConvergenceTest.counter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Learned profiles through the whole allocator: written by LEARNING, run by BALANCED, never fatal. */
class EloProfileTest {
    private static final long FROZEN = 2;

    @Test
    void learningWritesOnTrimAndCloseAndBalancedRunsItFrozen(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("learned.conf");
        try (Hakmem learning = Hakmem.builder().mode(Mode.LEARNING).set("elo.profile-out", file.toString()).build()) {
            Site vm = learning.site("vm");
            for (int i = 0; i < 500; i++) {
                learning.free(vm.allocate(2 << 20));
            }
            assertFalse(Files.exists(file), "never written on the allocation path");
            learning.trim();
            assertTrue(Files.readString(file).contains("vm"), "Hakmem.trim() writes what was learned");
            Files.delete(file);
            for (int i = 0; i < 500; i++) {
                learning.free(vm.allocate(2 << 20));
            }
        }
        assertTrue(Files.exists(file), "close() writes it too");
        String text = Files.readString(file);
        long learned = Long.parseLong(text.replaceAll("(?s).*\"?vm\"?\\s*\\{[^}]*threshold\\s*=\\s*(\\d+).*", "$1"));

        try (Hakmem balanced = Hakmem.builder().mode(Mode.BALANCED).set("elo.profile", file.toString()).build()) {
            balanced.free(balanced.site("vm").allocate(2 << 20));
            HakmemStats stats = balanced.stats();
            assertEquals(learned, counter(stats, "elo.site.vm.threshold"), text);
            assertEquals(FROZEN, counter(stats, "elo.site.vm.phase"));
            assertEquals(256 << 10, counter(stats, "elo.site.default.threshold"), "a site it does not know");
        }
    }

    @Test
    void aMissingOrCorruptProfileIsAWarningNeverACrash(@TempDir Path dir) throws Exception {
        Path corrupt = dir.resolve("corrupt.conf");
        Files.writeString(corrupt, "version = 1\nsites { vm { threshold = ");
        for (Path profile : new Path[] {dir.resolve("missing.conf"), corrupt}) {
            try (Hakmem balanced = Hakmem.builder().mode(Mode.BALANCED).set("elo.profile", profile.toString()).build()) {
                balanced.free(balanced.site("vm").allocate(2 << 20));
                assertEquals(256 << 10, counter(balanced.stats(), "elo.site.vm.threshold"), "the defaults");
            }
        }
    }

    @Test
    void aProfileForAnAllocatorWithoutEloIsAWarning() {
        Composer.Composition fast = Compositions.with().mode(Mode.FAST).set("elo.profile", "learned.conf").compose();
        try (Hakmem hakmem = fast.allocator()) {
            assertTrue(fast.warnings().stream().anyMatch(w -> w.contains("hakmem.elo.profile = 'learned.conf' is ignored")
                    && w.contains("fast")), fast.warnings().toString());
            assertFalse(hakmem.stats().counters().containsKey("elo.rounds"), "no ELO in FAST");
        }
        Composer.Composition minimal = Compositions.with().mode(Mode.MINIMAL).set("evo-policy", "learn").compose();
        try (Hakmem ignored = minimal.allocator()) {
            assertTrue(minimal.warnings().stream().anyMatch(w -> w.contains("hakmem.evo-policy = learn has no effect")),
                    minimal.warnings().toString());
        }
        Composer.Composition balanced = Compositions.with().mode(Mode.BALANCED).compose();
        try (Hakmem ignored = balanced.allocator()) {
            assertTrue(balanced.warnings().isEmpty(), balanced.warnings().toString());
        }
    }
}
