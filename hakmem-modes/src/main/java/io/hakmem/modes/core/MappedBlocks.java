package io.hakmem.modes.core;

import io.hakmem.spi.OsMemory;

/** The end of every large-block chain: mmap on acquire, munmap on release. */
final class MappedBlocks implements LargeBlocks {
    private final OsMemory os;
    private final long pageSize;

    MappedBlocks(OsMemory os) {
        this.os = os;
        this.pageSize = os.pageSize();
    }

    @Override
    public long capacityFor(long bytes) {
        return (bytes + pageSize - 1) & -pageSize;
    }

    @Override
    public long acquire(int site, long capacity, long alignment) {
        return alignment <= pageSize ? os.map(capacity) : os.mapAligned(capacity, alignment);
    }

    @Override
    public void release(int site, long address, long capacity) {
        os.unmap(address, capacity);
    }
}
