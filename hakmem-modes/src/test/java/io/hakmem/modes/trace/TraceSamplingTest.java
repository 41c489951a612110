package io.hakmem.modes.trace;

import io.hakmem.Hakmem;
import io.hakmem.Mode;
import io.hakmem.Site;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A sampled trace keeps whole sites, chosen by name: all of a kept site's blocks and frees, nothing of the others. */
class TraceSamplingTest {
    private static final int SITES = 40;
    private static final int BLOCKS = 25;

    @Test
    void aSiteIsRecordedWholeOrNotAtAll(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sampled.hktrace");
        try (Hakmem hakmem = TraceRoundTripTest.recording(Mode.BALANCED, file, "trace.sample", "0.5")) {
            List<MemorySegment> blocks = new ArrayList<>();
            for (int s = 0; s < SITES; s++) {
                Site site = hakmem.site("site-" + s);
                for (int i = 0; i < BLOCKS; i++) {
                    blocks.add(site.allocate(16 + 100L * i, 16));
                }
            }
            long[] byAddress = new long[BLOCKS];
            for (int i = 0; i < BLOCKS; i++) {
                byAddress[i] = hakmem.site("site-0").allocateAddress(64, 8);
            }
            blocks.forEach(hakmem::free); // in another order than allocated
            for (long address : byAddress) {
                hakmem.freeAddress(address, 64);
            }
        }

        RecordedTrace trace = RecordedTrace.read(file);
        assertEquals(0.5, trace.header.sample());
        Set<String> expected = new HashSet<>();
        for (int s = 0; s < SITES; s++) {
            if (SiteSampling.keeps("site-" + s, 0.5)) {
                expected.add("site-" + s);
            }
        }
        assertTrue(expected.size() > SITES / 4 && expected.size() < SITES * 3 / 4, "about half: " + expected);
        Set<String> declared = new HashSet<>(trace.sites.values());
        declared.remove("default");
        assertEquals(expected, declared, "the sites the name hash keeps, declared in the trace");

        Map<String, Long> allocationsBySite = trace.allocations().stream()
                .collect(Collectors.groupingBy(event -> trace.sites.get(event.site()), Collectors.counting()));
        for (String site : expected) {
            long whole = site.equals("site-0") ? 2L * BLOCKS : BLOCKS;
            assertEquals(whole, allocationsBySite.get(site), site + ": every block");
        }
        assertEquals(expected, allocationsBySite.keySet());
        assertEquals(trace.allocations().stream().map(RecordedTrace.Event::block).collect(Collectors.toSet()),
                trace.frees().stream().map(RecordedTrace.Event::block).collect(Collectors.toSet()),
                "a kept block's free is recorded, and no other free");
        assertEquals(0, trace.end.dropped());
    }

    @Test
    void theChoiceDependsOnTheNameOnlyAndGrowsWithTheFraction() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            names.add("site-" + i);
        }
        Function<Double, Long> kept = fraction -> names.stream().filter(n -> SiteSampling.keeps(n, fraction)).count();
        assertEquals(1000, kept.apply(1.0));
        long tenth = kept.apply(0.1);
        assertTrue(tenth > 50 && tenth < 150, "a tenth: " + tenth);
        for (String name : names) {
            if (SiteSampling.keeps(name, 0.1)) {
                assertTrue(SiteSampling.keeps(name, 0.5), name + ": kept at 0.1, so at 0.5");
            }
        }
    }
}
