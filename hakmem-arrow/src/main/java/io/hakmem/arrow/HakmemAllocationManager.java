package io.hakmem.arrow;

import org.apache.arrow.memory.AllocationManager;
import org.apache.arrow.memory.BufferAllocator;

/** One Arrow buffer's memory: a hakmem block by address, freed through its factory when Arrow lets go. */
final class HakmemAllocationManager extends AllocationManager {
    private final HakmemAllocationManagerFactory factory;
    private final long address;
    private final long size;

    /** Takes over a block the factory allocated; see {@link HakmemAllocationManagerFactory#create}. */
    HakmemAllocationManager(BufferAllocator accountingAllocator, HakmemAllocationManagerFactory factory,
                            long address, long size) {
        super(accountingAllocator);
        this.factory = factory;
        this.address = address;
        this.size = size;
    }

    /** The size Arrow asked for: Arrow accounts it, hakmem rounds its own way. */
    @Override
    public long getSize() {
        return size;
    }

    @Override
    protected long memoryAddress() {
        return address;
    }

    /** Called once, by the thread that releases the last reference. */
    @Override
    protected void release0() {
        factory.free(address, size);
    }
}
