package io.hakmem.modes.core;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The watch of a block follows the block, not its address, across a free and a reuse of the address. */
class TrackingLeakDetectionTest {
    private static final long ADDRESS = 0x7f00_0000_1000L;

    private final TrackingLeakDetection leaks = new TrackingLeakDetection(true, 1, id -> "site");

    private long watched() {
        Map<String, Long> counters = new HashMap<>();
        leaks.report(counters::put);
        return counters.get("leaks.watched");
    }

    @Test
    void anAddressHandedOutAgainBeforeTheFreeIsConfirmedKeepsItsNewWatch() {
        leaks.allocatedAddress(ADDRESS, 64, 16, 0);
        long token = leaks.freeing(ADDRESS);
        // the free has happened; another thread is handed the same address and watches it before this one returns
        leaks.allocatedAddress(ADDRESS, 64, 16, 0);
        leaks.freed(ADDRESS, token);
        assertEquals(1, watched(), "the new block is still watched");
    }

    @Test
    void aRefusedFreeLeavesTheBlockWatched() {
        leaks.allocatedAddress(ADDRESS, 64, 16, 0);
        long token = leaks.freeing(ADDRESS);
        leaks.notFreed(ADDRESS, token);
        assertEquals(1, watched());
        leaks.freed(ADDRESS, leaks.freeing(ADDRESS));
        assertEquals(0, watched());
    }
}
