package io.hakmem.bench.ablation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --forks N}: parsed and bounded, and each cell reports its median fork whole. */
class ForksTest {

    private static Cell timed(double medianNanos, long rss) {
        return new Cell("glibc", "tiny-hot", "ok", "op", Cell.TIME, 1000, medianNanos, 2 * medianNanos, Double.NaN, 0,
                0, rss, rss, "glibc", Double.NaN, Double.NaN, 0, 0, 0);
    }

    private static Cell throughput(double opsPerSecond) {
        return new Cell("glibc", "larson", "ok", "op", Cell.THROUGHPUT, 1000, 10, 20, opsPerSecond, 0, 0, 1, 1,
                "glibc", Double.NaN, Double.NaN, 0, 0, 0);
    }

    @Test
    void aCellReportsItsMedianForkWholeByTimeOrByThroughput() {
        Cell slow = timed(30, 3);
        Cell median = timed(20, 2);
        Cell fast = timed(10, 1);
        assertSame(median, ForkMedian.of(List.of(slow, fast, median)), "the fork, with its own memory figures");
        assertSame(slow, ForkMedian.of(List.of(slow, fast)), "of two, the worse");
        assertSame(fast, ForkMedian.of(List.of(fast)));
        Cell most = throughput(3e6);
        Cell middle = throughput(2e6);
        Cell least = throughput(1e6);
        assertSame(middle, ForkMedian.of(List.of(most, least, middle)));
        assertSame(least, ForkMedian.of(List.of(most, least)), "of two, the worse: the lower throughput");
    }

    @Test
    void aForkThatFailedIsShownRatherThanHidden() {
        Cell failed = Cell.skipped("glibc", "tiny-hot", "failed: the JVM exited with 1");
        assertSame(failed, ForkMedian.of(List.of(timed(10, 1), failed, timed(20, 1))));
        assertThrows(IllegalArgumentException.class, () -> ForkMedian.of(List.of()));
    }

    @Test
    void forksAreOneByDefaultAndBoundedWhenGiven() {
        assertEquals(1, Options.parse(new String[] {}).forks());
        assertEquals(3, Options.parse(new String[] {"--forks", "3"}).forks());
        assertEquals(5, Options.parseReplay(new String[] {"t.hktrace", "--forks", "5"}).forks());
        for (String bad : List.of("0", "-1", "x", "26")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Options.parse(new String[] {"--forks", bad}));
            assertTrue(e.getMessage().startsWith("--forks takes a whole number from 1 to 25, not '" + bad + "'"),
                    e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--forks"}));
        assertThrows(IllegalArgumentException.class,
                () -> Options.parse(new String[] {"--forks", "3", "--record", "traces"}), "recording slows a cell");
    }
}
