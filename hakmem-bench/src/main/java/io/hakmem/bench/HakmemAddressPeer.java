package io.hakmem.bench;

import org.openjdk.jmh.annotations.CompilerControl;

import io.hakmem.Hakmem;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * hakmem handing out blocks by address ({@code Hakmem.allocateAddress}/{@code freeAddress}), written through one
 * global segment: what the Arrow and Netty integrations do, beside {@code glibc-raw} and {@code mimalloc-raw}.
 * Named {@code hakmem-<mode>-by-address}; in no default run.
 */
final class HakmemAddressPeer extends HakmemPeer {

    HakmemAddressPeer(String name, Hakmem hakmem) {
        super(name, hakmem);
    }

    @Override
    @CompilerControl(CompilerControl.Mode.INLINE) // every peer inlined into the loop alike
    public long allocateWriteFree(long size) {
        long address = hakmem.allocateAddress(size, ALIGNMENT);
        MallocPeers.ADDRESS_SPACE.set(JAVA_LONG, address, size);
        hakmem.freeAddress(address, size);
        return address;
    }

    @Override
    @CompilerControl(CompilerControl.Mode.INLINE)
    public long allocateTouchFree(long size, long pageSize) {
        long address = hakmem.allocateAddress(size, ALIGNMENT);
        BlockSlots.touchPages(MallocPeers.ADDRESS_SPACE, address, size, pageSize);
        hakmem.freeAddress(address, size);
        return address;
    }

    @Override
    public BlockSlots slots(int count) {
        long[] blocks = new long[count];
        long[] sizes = new long[count];
        return new BlockSlots() {
            @Override
            public void allocate(int slot, long size) {
                long address = hakmem.allocateAddress(size, ALIGNMENT);
                MallocPeers.ADDRESS_SPACE.set(JAVA_LONG, address, size);
                blocks[slot] = address;
                sizes[slot] = size;
            }

            @Override
            public void free(int slot) {
                hakmem.freeAddress(blocks[slot], sizes[slot]);
                blocks[slot] = 0;
            }

            @Override
            public void touch(int slot, long size, long pageSize) {
                long address = blocks[slot];
                BlockSlots.touchPages(MallocPeers.ADDRESS_SPACE, address, size, pageSize);
            }
        };
    }

    /** Sites hand out segments; the by-address peer measures the allocator itself. */
    @Override
    public BenchAllocator site(String site) {
        throw new UnsupportedOperationException(name() + " measures the allocator's own address path, not a site's");
    }
}
