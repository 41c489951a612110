package io.hakmem.elo;

/**
 * ELO's log through {@code System.Logger} "io.hakmem.elo". {@code hakmem.debug = minimal} (LEARNING) logs
 * phase changes, canary promotions and profile writes: a handful of lines per site over a run, so INFO, which
 * the JDK's default configuration prints, is the level that makes "minimal" visible without making it noisy.
 * {@code verbose} (RESEARCH) adds the leaderboard of every window and every adoption (a new leader in LEARN),
 * also at INFO, because asking for verbose is asking to see it. {@code off} is silent but for warnings.
 *
 * <p>The lifecycle only queues its lines ({@link EloReporter}): nothing is formatted or written on the
 * allocating thread but a string, and only when the level is on.
 */
final class EloLog {
    private final System.Logger log;
    private final boolean phases;
    private final boolean verbose;

    EloLog(String debug) {
        this(debug, System.getLogger("io.hakmem.elo"));
    }

    /** Logging to {@code log} (tests listen). */
    EloLog(String debug, System.Logger log) {
        this.log = log;
        this.phases = !debug.equals("off");
        this.verbose = debug.equals("verbose");
    }

    /** Whether phase changes are logged (minimal and verbose). */
    boolean phases() {
        return phases;
    }

    /** Whether leaderboards and adoptions are logged (verbose). */
    boolean verbose() {
        return verbose;
    }

    void info(String message) {
        log.log(System.Logger.Level.INFO, message);
    }

    void warn(String message) {
        log.log(System.Logger.Level.WARNING, message);
    }
}
