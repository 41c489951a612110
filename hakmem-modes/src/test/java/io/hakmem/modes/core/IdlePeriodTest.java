package io.hakmem.modes.core;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The idle release's rule on a clock the test moves: when the allocator counts as idle, and how often. */
class IdlePeriodTest {
    private static final long MS = 1_000_000;
    private final IdlePeriod period = new IdlePeriod(100 * MS);
    private long now = 5_000 * MS;
    private long activity = 42;

    /** One check, {@code elapsed} after the last, with the activity as it stands. */
    private boolean checkAfter(long elapsed) {
        now += elapsed;
        return period.releaseNow(now, activity);
    }

    @Test
    void neverWhileTheAllocatorIsInUseHoweverLong() {
        for (int check = 0; check < 1_000; check++) {
            activity++;
            assertFalse(checkAfter(25 * MS), () -> "in use for " + (now / MS) + " ms");
        }
    }

    @Test
    void onceTheActivityHasNotChangedForTheDelay() {
        assertFalse(checkAfter(25 * MS), "the first check only sees the activity");
        assertFalse(checkAfter(50 * MS));
        assertFalse(checkAfter(49 * MS), "99 ms idle");
        assertTrue(checkAfter(1 * MS), "100 ms idle");
        for (int check = 0; check < 100; check++) {
            assertFalse(checkAfter(25 * MS), "once, until it is used again");
        }
    }

    @Test
    void againAfterTheNextUseAndItsOwnDelay() {
        checkAfter(0);
        assertTrue(checkAfter(100 * MS));
        activity++;
        assertFalse(checkAfter(25 * MS), "used again: the delay starts over");
        assertFalse(checkAfter(99 * MS));
        assertTrue(checkAfter(1 * MS));
    }

    @Test
    void theDelayCountsFromTheLastUseNotFromTheFirstCheck() {
        checkAfter(0);
        int released = 0;
        for (int check = 0; check < 8; check++) {
            activity++; // used between every two checks for 200 ms
            released += checkAfter(25 * MS) ? 1 : 0;
        }
        assertEquals(0, released);
        assertFalse(checkAfter(75 * MS));
        assertTrue(checkAfter(25 * MS), "100 ms after the last change");
    }
}
