package io.hakmem.modes.core;

import io.hakmem.spi.CounterSink;

import java.lang.foreign.MemorySegment;

/**
 * Finds blocks nobody frees (opt-in, {@code hakmem.leak-detection.level}). Off, every method is empty and
 * blocks never reach it ({@link WatchedAllocator} alone passes them); on, it watches a sample of the blocks (or all of them, with where they were
 * allocated) and reports those whose segment became unreachable while live, and those still live at close.
 */
interface LeakDetection {
    LeakDetection OFF = new LeakDetection() {
    };

    /** A block was handed out as {@code segment} at {@code site}. */
    default void allocated(MemorySegment segment, int site) {
    }

    /** A block was handed out by address at {@code site}: watched until freed, reported if live at close. */
    default void allocatedAddress(long address, long bytes, int site) {
    }

    /** The block at {@code address} was freed. */
    default void freed(long address) {
    }

    /** Reports the watched blocks still live; once, by close. */
    default void reportLiveAtClose() {
    }

    /** Watches an arena's blocks: reported and freed if the arena becomes unreachable without close. */
    default void watch(HakmemArena arena) {
    }

    default void report(CounterSink sink) {
    }
}
