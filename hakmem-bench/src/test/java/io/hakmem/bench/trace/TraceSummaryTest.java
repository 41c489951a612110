package io.hakmem.bench.trace;

import io.hakmem.modes.trace.TraceEnd;
import org.junit.jupiter.api.Test;

import java.util.BitSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live bytes over time, whatever the length of the recording. */
class TraceSummaryTest {
    private static final long DAY_NANOS = 86_400L * 1_000_000_000L;

    @Test
    void aRecordingOfWeeksKeepsItsTimelineSmall() {
        TraceSummary summary = new TraceSummary();
        summary.thread(1, "main");
        summary.site(0, "default");
        summary.allocate(1, 0, 0, 100, 8, false, 0);
        summary.allocate(1, 1, 0, 50, 8, false, DAY_NANOS);
        summary.free(1, 0, 30 * DAY_NANOS); // at 1 ms a step: 2.6 billion steps, more than an array holds
        summary.end(new TraceEnd(31 * DAY_NANOS, 0, 2, new BitSet()));
        long[] live = summary.liveBytes();
        assertTrue(live.length <= TraceSummary.MAX_STEPS, live.length + " steps");
        assertTrue(summary.stepNanos() * TraceSummary.MAX_STEPS >= 31 * DAY_NANOS, "the step covers the recording");
        assertEquals(150, live[(int) (DAY_NANOS / summary.stepNanos())]);
        assertEquals(50, live[live.length - 1]);
    }
}
