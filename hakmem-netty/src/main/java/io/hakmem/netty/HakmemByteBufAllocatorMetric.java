package io.hakmem.netty;

import io.netty.buffer.ByteBufAllocatorMetric;

import java.util.concurrent.atomic.LongAdder;

/**
 * Exact capacities of the live buffers: a direct buffer counts from its block's allocation to its free, a heap
 * buffer from its array's to its release; a resize counts the new capacity and takes the old one back.
 */
final class HakmemByteBufAllocatorMetric implements ByteBufAllocatorMetric {
    final LongAdder direct = new LongAdder();
    final LongAdder heap = new LongAdder();

    @Override
    public long usedHeapMemory() {
        return heap.sum();
    }

    @Override
    public long usedDirectMemory() {
        return direct.sum();
    }

    @Override
    public String toString() {
        return "HakmemByteBufAllocatorMetric(usedHeapMemory: " + usedHeapMemory() + "; usedDirectMemory: "
                + usedDirectMemory() + ")";
    }
}
