package io.hakmem.modes;

import io.hakmem.Hakmem;
import io.hakmem.HakmemBuilder;
import io.hakmem.HakmemStats;
import io.hakmem.Mode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Helpers of the large-block tests: compositions from the public API, the vm operation, counter deltas. */
final class LargeBlockFixtures {
    static final long KIB = 1024;
    static final long MIB = 1024 * KIB;
    static final long PAGE = 4096;

    private LargeBlockFixtures() {
    }

    /** BALANCED with the idle release off unless a test wants it. */
    static HakmemBuilder balanced() {
        return Hakmem.builder().mode(Mode.BALANCED).set("idle-release.delay", "0");
    }

    /** The step MINIMAL + BigCache + Batch, THP off, the idle release off. */
    static HakmemBuilder minimalWithCacheAndBatch() {
        return Hakmem.builder().mode(Mode.MINIMAL).enable("bigcache").enable("batch").set("idle-release.delay", "0");
    }

    /** The vm scenario's operation: allocate, write one byte per 4 KiB page, free. */
    static long allocateTouchFree(Hakmem hakmem, long size) {
        MemorySegment block = hakmem.allocate(size, 16);
        touch(block);
        hakmem.free(block);
        return block.address();
    }

    static void touch(MemorySegment block) {
        for (long offset = 0; offset < block.byteSize(); offset += PAGE) {
            block.set(ValueLayout.JAVA_BYTE, offset, (byte) 1);
        }
    }

    static long delta(HakmemStats after, HakmemStats before, String counter) {
        return after.get(counter) - before.get(counter);
    }
}
