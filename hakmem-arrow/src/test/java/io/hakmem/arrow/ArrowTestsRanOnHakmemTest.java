package io.hakmem.arrow;

import io.hakmem.HakmemStats;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guard against a green run on the wrong allocator: Arrow's tests jar carries a default factory of its own
 * (on Unsafe), so if hakmem were not installed they would all pass anyway. Runs after every other class.
 */
@Order(Integer.MAX_VALUE)
class ArrowTestsRanOnHakmemTest {

    @Test
    void arrowsTestsAllocatedThroughHakmem() {
        HakmemAllocationManagerFactory factory = HakmemForArrowTests.factory();
        long made = factory.managersCreated();
        System.out.println("hakmem-arrow: Arrow's tests made " + made + " buffers on hakmem; " + factory.liveManagers()
                + " still live (" + factory.liveBytes() + " bytes: the leaks Arrow's tests make on purpose)");
        assertTrue(made > 0, "no Arrow buffer came from hakmem: the default was not installed, "
                + "and Arrow's tests ran on the tests jar's own Unsafe factory");
    }

    @Test
    void arrowsDefaultAllocatorIsHakmem() {
        HakmemAllocationManagerFactory factory = HakmemForArrowTests.factory();
        long before = factory.managersCreated();
        try (RootAllocator arrow = new RootAllocator(1024);
             ArrowBuf buffer = arrow.buffer(64)) {
            buffer.setLong(0, 42);
            assertEquals(before + 1, factory.managersCreated(), "new RootAllocator() allocates from hakmem");
        }
    }

    @Test
    void everyLiveArrowBufferIsALiveHakmemBlock() {
        HakmemAllocationManagerFactory factory = HakmemForArrowTests.factory();
        HakmemStats stats = factory.hakmem().stats();
        assertEquals(factory.liveManagers(), stats.get("pinned-blocks"), stats::toString);
        assertEquals(factory.managersCreated(), stats.get("site.arrow.allocations"), stats::toString);
    }
}
