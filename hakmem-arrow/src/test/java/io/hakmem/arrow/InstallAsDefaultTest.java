package io.hakmem.arrow;

import io.hakmem.Hakmem;
import io.hakmem.Mode;
import org.apache.arrow.memory.AllocationManager;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Arrow's process default, swapped and put back (the suite's own hakmem default is installed at launch). */
class InstallAsDefaultTest {

    @Test
    void installingReplacesArrowsDefaultAndHandsBackThePreviousOne() {
        try (Hakmem other = Hakmem.create(Mode.MINIMAL)) {
            HakmemAllocationManagerFactory swapped = new HakmemAllocationManagerFactory(other, "swapped");
            AllocationManager.Factory previous = HakmemArrow.installAsDefault(swapped);
            try {
                assertSame(HakmemForArrowTests.factory(), previous);
                try (RootAllocator arrow = new RootAllocator(); ArrowBuf buffer = arrow.buffer(100)) {
                    buffer.setByte(99, 1);
                    assertEquals(1, swapped.managersCreated());
                    assertEquals(1, other.stats().get("site.swapped.allocations"));
                }
            } finally {
                assertSame(swapped, HakmemArrow.installAsDefault(previous));
            }
        }
    }
}
