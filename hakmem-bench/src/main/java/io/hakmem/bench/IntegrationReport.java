package io.hakmem.bench;

import io.hakmem.Hakmem;
import io.hakmem.HakmemStats;

import java.util.List;

/** The hakmem counters that say how an integration's blocks were served, on one line. */
final class IntegrationReport {
    private static final List<String> COUNTERS = List.of(HakmemStats.ALLOCATIONS, HakmemStats.FREES, "pinned-blocks",
            "tinypool.hits", "midpool.hits", "bigcache.hits", "path.mapped", "path.malloc", HakmemStats.MMAP_CALLS,
            HakmemStats.MUNMAP_CALLS, HakmemStats.MADVISE_CALLS);

    private IntegrationReport() {
    }

    /** {@code hakmem-counters site=... allocations=... ...} */
    static String hakmem(Hakmem hakmem, String site) {
        HakmemStats stats = hakmem.stats();
        StringBuilder line = new StringBuilder("hakmem-counters site=").append(site);
        for (String counter : COUNTERS) {
            line.append(' ').append(counter).append('=').append(stats.get(counter));
        }
        return line.append(" site.").append(site).append(".allocations=")
                .append(stats.get("site." + site + ".allocations")).toString();
    }
}
