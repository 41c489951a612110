package io.hakmem.modes.core;

import java.util.concurrent.atomic.LongAdder;

/**
 * How many blocks handed out by address are live, as close needs to know it: whether any block pinned before the
 * question is still live, never a "none" while one is.
 *
 * <p>Two counts that only grow (pins, unpins) rather than one that goes up and down. A {@link LongAdder}'s sum is
 * not a snapshot: an allocation refused by close pins and unpins at once, and a thread whose CAS on its cell fails
 * moves to another cell, so its unpin can land in a cell the sum reads after it and its pin in one read before it;
 * one adder then reads as one fewer, which could make a live block look like the last one gone and close the pools
 * under it. Here the unpins are read first: every unpin counted happened after its pin, which the later read of the
 * pins therefore counts too, so {@code pins - unpins} is at least the blocks pinned before the read and still live.
 */
final class PinnedBlocks {
    private final LongAdder pins = new LongAdder();
    private final LongAdder unpins = new LongAdder();

    void pin() {
        pins.increment();
    }

    void unpin() {
        unpins.increment();
    }

    /** At least the blocks pinned before the call and not unpinned since; exact once no thread pins or unpins. */
    long live() {
        long out = unpins.sum(); // first: see the class comment
        long in = pins.sum();
        assert in >= out : in + " pins, " + out + " unpins";
        return in - out;
    }
}
