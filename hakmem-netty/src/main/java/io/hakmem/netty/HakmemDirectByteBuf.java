package io.hakmem.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.util.internal.CleanableDirectBuffer;

/**
 * A direct buffer without {@code Unsafe}: Netty's {@link UnpooledDirectByteBuf} (reads and writes through the
 * {@code ByteBuffer}) over hakmem blocks. Its memory address is the block's, which Netty could not find without
 * {@code Unsafe}.
 */
final class HakmemDirectByteBuf extends UnpooledDirectByteBuf {
    /** The block it was built over, until the first resize or the release frees it; Netty never does. */
    private HakmemBlock initial;

    HakmemDirectByteBuf(HakmemByteBufAllocator alloc, HakmemBlock block, int maxCapacity) {
        super(alloc, block.buffer(), maxCapacity);
        this.initial = block;
        writerIndex(0); // Netty's constructor takes a given buffer as full
    }

    /** A resize: called by {@link #capacity(int)}, which copies, then frees the block it replaces. */
    @Override
    protected CleanableDirectBuffer allocateDirectBuffer(int capacity) {
        return ((HakmemByteBufAllocator) alloc()).allocateBlock(capacity);
    }

    @Override
    public ByteBuf capacity(int newCapacity) {
        int old = capacity();
        super.capacity(newCapacity);
        if (newCapacity != old) {
            HakmemBlock block = initial;
            initial = null; // first: a free that throws OsException has freed the block all the same
            InitialBlock.free(block);
        }
        return this;
    }

    @Override
    protected void deallocate() {
        super.deallocate(); // frees a block a resize made
        HakmemBlock block = initial;
        initial = null;
        InitialBlock.free(block);
    }

    @Override
    public boolean hasMemoryAddress() {
        return initial != null || super.hasMemoryAddress();
    }

    @Override
    public long memoryAddress() {
        HakmemBlock block = initial;
        if (block == null) {
            return super.memoryAddress(); // a resized buffer: its block, through Netty's cleanable
        }
        ensureAccessible();
        return block.memoryAddress();
    }
}
