package io.hakmem.modes.core;

import io.hakmem.spi.CounterSink;

import java.lang.foreign.MemorySegment;

/**
 * Watches an allocator's blocks: leak detection, the trace recorder. Only a {@link WatchedAllocator} calls the
 * block hooks, so an allocator that nobody watches carries none on its allocate and free paths. Called by the
 * allocating and freeing threads themselves.
 */
interface BlockObserver {
    BlockObserver NONE = new BlockObserver() {
    };

    /** A block was handed out as {@code segment} at {@code site}. */
    default void allocated(MemorySegment segment, long alignment, int site) {
    }

    /** A block was handed out by address at {@code site}. */
    default void allocatedAddress(long address, long bytes, long alignment, int site) {
    }

    /**
     * The block at {@code address} is about to be freed: once it is, its address may be handed out again. Returns
     * what {@link #freed} or {@link #notFreed} will need (the recorder: the block's id), or 0.
     */
    default long freeing(long address) {
        return 0;
    }

    /** The free announced by {@link #freeing}, which returned {@code token}, happened. */
    default void freed(long address, long token) {
    }

    /** The free announced by {@link #freeing} was refused (a double free, a slice): nothing changed. */
    default void notFreed(long address, long token) {
    }

    /** Site {@code id} is called {@code name}; before any block is allocated at it. */
    default void siteNamed(int id, String name) {
    }

    default void report(CounterSink sink) {
    }

    /** The allocator is closing: no more hooks count. */
    default void close() {
    }
}
