package io.hakmem.elo;

import java.util.function.Supplier;

/**
 * ELO's log through {@code System.Logger} "io.hakmem.elo": {@code hakmem.debug = minimal} logs phase changes,
 * {@code verbose} also the leaderboard per window and every adoption; {@code off} is silent.
 */
final class EloLog {
    private static final System.Logger LOG = System.getLogger("io.hakmem.elo");
    private final boolean phases;
    private final boolean verbose;

    EloLog(String debug) {
        this.phases = !debug.equals("off");
        this.verbose = debug.equals("verbose");
    }

    void phase(Supplier<String> message) {
        if (phases) {
            LOG.log(System.Logger.Level.INFO, message);
        }
    }

    void verbose(Supplier<String> message) {
        if (verbose) {
            LOG.log(System.Logger.Level.INFO, message);
        }
    }

    void warn(String message) {
        LOG.log(System.Logger.Level.WARNING, message);
    }
}
