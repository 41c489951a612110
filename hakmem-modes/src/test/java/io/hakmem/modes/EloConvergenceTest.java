package io.hakmem.modes;

import io.hakmem.Hakmem;
import io.hakmem.HakmemStats;
import io.hakmem.Mode;
import io.hakmem.Site;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ELO through a composed allocator: a site allocating 3 MiB blocks, touching every page and freeing them at once.
 * Without a cache, mapping costs mmap, 768 page faults and munmap per block, while glibc's malloc reuses its
 * heap: one threshold class (above 3 MiB: malloc) is clearly best, and the site must find it within 2048
 * allocations. The faults it learns from are the OS layer's model of them ({@link PageCountingOs}: a fresh
 * mapping faults every page) and they are the whole cost: real time and the process's faults would let a loaded
 * machine decide. (With BigCache the answer flips: a kept mapping costs no faults at all.)
 */
class EloConvergenceTest {
    private static final long THREE_MIB = 3L << 20;
    /** {@code elo.site.<name>.phase}: 1 LEARN, 2 FROZEN, 3 CANARY (0 would be a missing counter). */
    private static final long LEARN = 1;
    private static final long FROZEN = 2;

    /** The counter, which must be reported: {@code HakmemStats.get} says 0 for a missing one. */
    static long counter(HakmemStats stats, String name) {
        Long value = stats.counters().get(name);
        assertTrue(value != null, () -> "no counter " + name + " in " + stats);
        return value;
    }

    @Test
    void aSiteConvergesWithin2048Allocations() {
        try (Hakmem hakmem = Compositions.with().mode(Mode.MINIMAL).feature("elo", true).set("evo-policy", "learn")
                .set("elo.weights.cpu", "0").set("elo.weights.faults", "1").set("elo.weights.memory", "0")
                .os(new PageCountingOs()).compose().allocator()) {
            Site vm = hakmem.site("vm");
            for (int i = 0; i < 2048; i++) {
                MemorySegment block = vm.allocate(THREE_MIB);
                for (long page = 0; page < THREE_MIB; page += 4096) {
                    block.set(ValueLayout.JAVA_BYTE, page, (byte) i);
                }
                hakmem.free(block);
            }
            HakmemStats stats = hakmem.stats();
            long learned = counter(stats, "elo.site.vm.threshold");
            assertTrue(learned > THREE_MIB, "malloc faults nothing here; learned threshold " + learned + "\n" + stats);
            // 1 in 5 sampled (410 expected, binomial sd 18), a round per 10 samples: far more than 25 rounds.
            assertTrue(counter(stats, "elo.rounds") >= 25, stats.toString());
            assertEquals(LEARN, counter(stats, "elo.site.vm.phase"), "learn keeps learning");
        }
    }

    @Test
    void balancedRunsFrozenAtTheDefaultThresholdWithoutAProfile() {
        try (Hakmem hakmem = Hakmem.builder().mode(Mode.MINIMAL).enable("elo").set("evo-policy", "frozen").build()) {
            for (int i = 0; i < 1000; i++) {
                hakmem.free(hakmem.site("json").allocate(300 << 10));
            }
            HakmemStats stats = hakmem.stats();
            assertEquals(256 << 10, counter(stats, "elo.site.json.threshold"));
            assertEquals(FROZEN, counter(stats, "elo.site.json.phase"));
            assertEquals(1000, stats.get("path.mapped"));
            assertEquals(0, counter(stats, "elo.samples"), "frozen samples nothing");
            assertEquals(0, counter(stats, "elo.rounds"), "frozen rates nothing");
        }
    }
}
