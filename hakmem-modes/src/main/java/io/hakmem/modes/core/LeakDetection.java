package io.hakmem.modes.core;

/**
 * Finds blocks nobody frees (opt-in, {@code hakmem.leak-detection.level}). Off, every method is empty and
 * blocks never reach it (only a {@link WatchedAllocator} passes them on); on, it watches a sample of the blocks (or
 * all of them, with where they were allocated) and reports those whose segment became unreachable while live, and
 * those still live at close.
 */
interface LeakDetection extends BlockObserver {
    LeakDetection OFF = new LeakDetection() {
    };

    /** Reports the watched blocks still live; once, by close. */
    default void reportLiveAtClose() {
    }

    /** Watches an arena's blocks: reported and freed if the arena becomes unreachable without close. */
    default void watch(HakmemArena arena) {
    }
}
