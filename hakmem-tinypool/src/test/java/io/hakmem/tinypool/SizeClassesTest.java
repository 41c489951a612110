package io.hakmem.tinypool;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SizeClassesTest {

    @Test
    void requestsRoundUpToTheSevenPowersOfTwo() {
        assertEquals(0, SizeClasses.of(1));
        assertEquals(0, SizeClasses.of(16));
        assertEquals(1, SizeClasses.of(17));
        assertEquals(1, SizeClasses.of(32));
        assertEquals(2, SizeClasses.of(64));
        assertEquals(3, SizeClasses.of(65));
        assertEquals(6, SizeClasses.of(513));
        assertEquals(6, SizeClasses.of(1024));
        assertEquals(7, SizeClasses.COUNT);
        assertEquals(1024, SizeClasses.blockBytes(6));
    }
}
