package io.hakmem.netty;

import io.netty.util.internal.CleanableDirectBuffer;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * One direct buffer's memory: a hakmem block by address and a {@link ByteBuffer} over it (global scope: nothing
 * checks it, nothing frees it behind our back). {@link #clean()} frees the block; Netty calls it once, when a resize
 * replaces the block or the buffer is released.
 */
final class HakmemBlock implements CleanableDirectBuffer {
    private final HakmemByteBufAllocator owner;
    private final long address;
    private final int capacity;
    private final ByteBuffer buffer;

    @SuppressWarnings("restricted") // the module's documented --enable-native-access
    HakmemBlock(HakmemByteBufAllocator owner, long address, int capacity) {
        this.owner = owner;
        this.address = address;
        this.capacity = capacity;
        this.buffer = MemorySegment.ofAddress(address).reinterpret(capacity).asByteBuffer();
    }

    @Override
    public ByteBuffer buffer() {
        return buffer;
    }

    @Override
    public void clean() {
        owner.free(address, capacity);
    }

    @Override
    public boolean hasMemoryAddress() {
        return true;
    }

    @Override
    public long memoryAddress() {
        return address;
    }

    int capacity() {
        return capacity;
    }
}
