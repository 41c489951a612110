package io.hakmem.modes.core;

import io.hakmem.ffm.LinuxOsMemory;
import io.hakmem.spi.OsMemory;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The THP policy is chosen once, from hakmem.thp and the kernel's mode, and does what its table says. */
class ThpPolicyTest {
    private static final long MIB = 1 << 20;
    private final OsMemory os = LinuxOsMemory.create();

    @Test
    void offNeedsAdviceOnlyWhereTheSystemGivesHugePagesUnasked() {
        assertInstanceOf(ThpPolicy.Plain.class, ThpPolicy.of("off", new SystemThp("madvise", 2 * MIB), os));
        assertInstanceOf(ThpPolicy.Plain.class, ThpPolicy.of("off", new SystemThp("never", 2 * MIB), os));
        assertInstanceOf(ThpPolicy.Plain.class, ThpPolicy.of("off", new SystemThp("unsupported", 2 * MIB), os));
        ThpPolicy always = ThpPolicy.of("off", new SystemThp("always", 2 * MIB), os);
        assertInstanceOf(ThpPolicy.NoHuge.class, always);
        long small = always.map(MIB, 4096);
        long large = always.map(4 * MIB, 4096);
        Map<String, Long> counters = counters(always);
        assertEquals(4 * MIB, counters.get("thp.nohugepage-bytes") + counters.get("thp.refused") * 4 * MIB,
                "MADV_NOHUGEPAGE for the block that could get a huge page only");
        os.unmap(small, MIB);
        os.unmap(large, 4 * MIB);
    }

    @Test
    void autoAlignsAndAdvisesFromOneHugePageAndOnEveryBlock() {
        ThpPolicy auto = ThpPolicy.of("auto", new SystemThp("madvise", 2 * MIB), os);
        long small = auto.map(MIB, 4096);
        long large = auto.map(3 * MIB, 4096);
        assertEquals(0, large % (2 * MIB));
        Map<String, Long> counters = counters(auto);
        assertEquals(3 * MIB, counters.get("thp.advised-bytes") + counters.get("thp.refused") * 3 * MIB);
        ThpPolicy on = ThpPolicy.of("on", new SystemThp("madvise", 2 * MIB), os);
        long onSmall = on.map(512 * 1024, 4096);
        assertEquals(0, onSmall % (2 * MIB));
        long aligned = on.map(MIB, 4 * MIB);
        assertEquals(0, aligned % (4 * MIB), "a larger alignment asked for wins");
        for (long[] block : new long[][] {{small, MIB}, {large, 3 * MIB}, {onSmall, 512 * 1024}, {aligned, MIB}}) {
            os.unmap(block[0], block[1]);
        }
    }

    @Test
    void theSystemsModeIsTheBracketedWord() {
        SystemThp system = SystemThp.read();
        assertTrue(system.mode().matches("always|madvise|never|unsupported"), system.mode());
        assertTrue(system.hugePageBytes() > 0 && Long.bitCount(system.hugePageBytes()) == 1);
    }

    private static Map<String, Long> counters(ThpPolicy policy) {
        Map<String, Long> counters = new TreeMap<>();
        policy.report(counters::put);
        return counters;
    }
}
