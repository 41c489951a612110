package io.hakmem.netty;

import io.netty.buffer.UnpooledHeapByteBuf;

/** Netty's unpooled heap buffer, counted in the allocator's metric. */
final class HakmemHeapByteBuf extends UnpooledHeapByteBuf {

    HakmemHeapByteBuf(HakmemByteBufAllocator alloc, int initialCapacity, int maxCapacity) {
        super(alloc, initialCapacity, maxCapacity);
    }

    /** Called from Netty's constructor too, before this class's fields exist: the allocator is reached by alloc(). */
    @Override
    protected byte[] allocateArray(int initialCapacity) {
        byte[] array = super.allocateArray(initialCapacity);
        ((HakmemByteBufAllocator) alloc()).countHeap(array.length);
        return array;
    }

    @Override
    protected void freeArray(byte[] array) {
        super.freeArray(array);
        ((HakmemByteBufAllocator) alloc()).countHeap(-array.length);
    }
}
