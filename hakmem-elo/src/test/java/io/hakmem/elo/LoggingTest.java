package io.hakmem.elo;

import org.junit.jupiter.api.Test;

import static io.hakmem.elo.SyntheticMachine.counter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * hakmem.debug: off is silent, minimal (LEARNING) logs phase changes at INFO, verbose (RESEARCH) adds every
 * adoption (a new leader in LEARN) and the leaderboard of every window. All from the reporter's thread.
 */
class LoggingTest {
    private static final long THREE_MIB = 3L << 20;

    private static RecordingLogger run(String debug) {
        RecordingLogger log = new RecordingLogger();
        SyntheticMachine machine = new SyntheticMachine(SyntheticMachine.mappedIsCheap(10_000, 100_000)).logTo(log);
        LearningSelector selector = machine.selector("hakmem { debug = " + debug + ", elo.window.operations = 500 }");
        for (int n = 0; n < 20_000 && counter(selector, "elo.freezes") == 0; n++) {
            machine.allocate(selector, 0, THREE_MIB);
        }
        assertEquals(1, counter(selector, "elo.freezes"));
        selector.close();
        return log;
    }

    @Test
    void offIsSilent() {
        assertTrue(run("off").lines.isEmpty(), run("off").lines.toString());
    }

    @Test
    void minimalLogsPhaseChangesOnly() {
        RecordingLogger log = run("minimal");
        assertEquals(1, log.count("INFO site default: LEARN -> FROZEN"), log.lines.toString());
        assertEquals(0, log.count("adopted"), log.lines.toString());
        assertEquals(0, log.count("leaderboard"), log.lines.toString());
    }

    @Test
    void verboseLogsEveryAdoptionAndEveryWindow() {
        RecordingLogger log = run("verbose");
        assertEquals(1, log.count("LEARN -> FROZEN"), log.lines.toString());
        assertTrue(log.count("INFO site default: adopted") >= 1, log.lines.toString());
        assertTrue(log.count("INFO site default window: leaderboard") >= 3, "three stable windows at least: "
                + log.lines);
    }
}
