package io.hakmem.pool;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassTableTest {

    @Test
    void tinyRequestsRoundUpToTheSevenPowersOfTwo() {
        assertEquals(0, TinyPool.classOf(1));
        assertEquals(0, TinyPool.classOf(16));
        assertEquals(1, TinyPool.classOf(17));
        assertEquals(1, TinyPool.classOf(32));
        assertEquals(2, TinyPool.classOf(64));
        assertEquals(3, TinyPool.classOf(65));
        assertEquals(6, TinyPool.classOf(513));
        assertEquals(6, TinyPool.classOf(1024));
        ClassTable tiny = ClassTable.tiny();
        assertEquals(7, tiny.count);
        assertEquals(1024, tiny.blockBytes[6]);
        for (int c = 0; c < tiny.count; c++) {
            assertEquals(0, tiny.spanShift[c], "every tiny slab is one 64 KiB unit");
            assertEquals(Units.UNIT_BYTES / tiny.blockBytes[c], tiny.capacity[c]);
        }
    }

    @Test
    void midClassesAreEightPerDoublingAndWasteAtMostAnEighth() {
        long[] first = {1152, 1280, 1408, 1536, 1664, 1792, 1920, 2048, 2304, 2560};
        for (int c = 0; c < first.length; c++) {
            assertEquals(first[c], MidPool.blockBytes(c));
        }
        for (long size = 1025; size <= MidPool.MAX_BYTES; size++) {
            int c = MidPool.classOf(size);
            long block = MidPool.blockBytes(c);
            if (block < size || (c > 0 && MidPool.blockBytes(c - 1) >= size) || block - size > size / 8) {
                throw new AssertionError("class of " + size + " is " + block);
            }
        }
    }

    @Test
    void midSlabsHoldEightToSixtyFourBlocksInOneBitmapWord() {
        ClassTable mid = ClassTable.mid(MidPool.MAX_BYTES);
        assertEquals(MidPool.classOf(MidPool.MAX_BYTES - 1) + 1, mid.count);
        for (int c = 0; c < mid.count; c++) {
            assertTrue(mid.capacity[c] >= 8 && mid.capacity[c] <= 64, "class " + mid.blockBytes[c]);
            assertTrue(mid.spanShift[c] <= Units.MAX_SPAN_SHIFT);
            long slab = mid.slabBytes(c);
            for (long offset = 0; offset < slab; offset += 256) {
                long expected = offset % mid.blockBytes[c] == 0 && offset / mid.blockBytes[c] < mid.capacity[c]
                        ? offset / mid.blockBytes[c] : -1;
                assertEquals(expected, blockAt(mid, c, offset), "offset " + offset + " in class " + mid.blockBytes[c]);
            }
        }
        assertEquals(2 << 20, ClassTable.mid(256 << 10).slabBytes(ClassTable.mid(256 << 10).count - 1));
    }

    private static int blockAt(ClassTable table, int c, long offset) {
        return Slab.of(0, 0, table, c).blockAt(offset);
    }

    @Test
    void aMidTableMustLieAboveTinyAndBelowOneMebibyte() {
        assertThrows(IllegalArgumentException.class, () -> ClassTable.mid(1024));
        assertThrows(IllegalArgumentException.class, () -> ClassTable.mid(MidPool.MAX_BYTES + 1));
    }
}
