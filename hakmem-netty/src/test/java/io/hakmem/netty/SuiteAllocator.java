package io.hakmem.netty;

import io.hakmem.Hakmem;
import io.hakmem.HakmemStats;
import io.hakmem.Mode;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One hakmem allocator per Netty contract class: opened before it, and checked for lost blocks after it. */
final class SuiteAllocator {
    private static final String PINNED = "pinned-blocks";

    private SuiteAllocator() {
    }

    static Hakmem open() {
        return Hakmem.create(Mode.BALANCED);
    }

    /** Every direct buffer Netty's tests made was freed; then the allocator closes. */
    static void checkAndClose(Hakmem hakmem) {
        try {
            HakmemStats stats = hakmem.stats();
            assertEquals(0, stats.get(PINNED), () -> "direct buffers never freed: " + stats);
            assertEquals(stats.get("site.netty.allocations"), stats.get("allocations"), stats::toString);
        } finally {
            hakmem.close();
        }
    }
}
