package io.hakmem.elo;

import com.typesafe.config.Config;
import io.hakmem.spi.Settings;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The {@code hakmem.elo} block and the lifecycle keys it depends on, read once and validated.
 *
 * @param learnEvery    LEARN samples 1 in this many learnable requests
 * @param steadyEvery   FROZEN and CANARY sample 1 in this many
 * @param roundSamples  samples per LEARN round: {@code min-samples} requests' worth
 * @param canaryRoundSamples samples per CANARY round
 * @param maxLearnTime  LEARN freezes on its best after this long; {@link Duration#ZERO} for never
 * @param block         the raw {@code hakmem.elo} block, handed to the bandit factory
 */
record EloSettings(String bandit, long seed, long[] thresholds, int learnEvery, int steadyEvery, int roundSamples,
                   double cpuWeight, double faultsWeight, double memoryWeight,
                   long windowOperations, Duration windowTime, int freezeAfter, double freezeEpsilon,
                   Duration maxLearnTime,
                   double canaryChallengerRounds, int canaryRoundSamples, int canaryTrials, double canaryMargin,
                   double worseBy, int relearnWindows, double sizeShift,
                   String profile, String profileOut, String evoPolicy, String debug, long defaultThreshold,
                   Config block) {

    static final List<String> EVO_POLICIES = List.of("off", "learn", "frozen", "canary", "auto");

    static EloSettings from(Config hakmem) {
        Settings.between(hakmem, "elo.k", 0, 1000);
        Settings.between(hakmem, "elo.initial-rating", 0, 1e6);
        Settings.between(hakmem, "elo.epsilon", 0, 1);
        Settings.atLeast(hakmem, "elo.survivors", 1);
        Settings.between(hakmem, "elo.ucb1.exploration", 0, 1e6);
        Settings.atLeast(hakmem, "elo.ucb1.adopt-wins", 1);
        Settings.between(hakmem, "elo.ucb1.adopt-margin", 0, 10);
        Settings.duration(hakmem, "elo.ucb1.cooldown");
        double cpu = Settings.between(hakmem, "elo.weights.cpu", 0, 1);
        double faults = Settings.between(hakmem, "elo.weights.faults", 0, 1);
        double memory = Settings.between(hakmem, "elo.weights.memory", 0, 1);
        if (cpu + faults + memory <= 0) {
            throw Settings.bad("elo.weights", cpu + "/" + faults + "/" + memory, "weights that add up to more than 0");
        }
        int learnEvery = Settings.atLeast(hakmem, "elo.sample-every.learn", 1);
        int minSamples = Settings.atLeast(hakmem, "elo.min-samples", 1);
        return new EloSettings(
                Settings.string(hakmem, "elo.bandit"),
                hakmem.getLong("elo.seed"),
                Strategies.thresholds(hakmem),
                learnEvery,
                Settings.atLeast(hakmem, "elo.sample-every.steady", 1),
                (int) ((minSamples + (long) learnEvery - 1) / learnEvery), // in longs: no overflow near 2^31
                cpu, faults, memory,
                Settings.atLeast(hakmem, "elo.window.operations", 1),
                Settings.duration(hakmem, "elo.window.time"),
                Settings.atLeast(hakmem, "elo.freeze-after", 1),
                Settings.between(hakmem, "elo.freeze-epsilon", 0, 1),
                Settings.duration(hakmem, "elo.max-learn-time"),
                Settings.between(hakmem, "elo.canary.challenger-rounds", 0, 1),
                Settings.atLeast(hakmem, "elo.canary.round-samples", 1),
                Settings.atLeast(hakmem, "elo.canary.trials", 1),
                Settings.between(hakmem, "elo.canary.margin", 0, 1),
                Settings.between(hakmem, "elo.relearn.worse-by", 0, 100),
                Settings.atLeast(hakmem, "elo.relearn.windows", 1),
                Settings.between(hakmem, "elo.relearn.size-shift", 0, 1),
                Settings.string(hakmem, "elo.profile"),
                profileOut(hakmem),
                Settings.oneOf(hakmem, "evo-policy", EVO_POLICIES),
                Settings.oneOf(hakmem, "debug", List.of("off", "minimal", "verbose")),
                Settings.bytes(hakmem, "large-threshold"),
                hakmem.getConfig("elo"));
    }

    /** {@code elo.profile-out}: empty, or a path with a file name (checked here, not at the first trim or close). */
    private static String profileOut(Config hakmem) {
        String out = Settings.string(hakmem, "elo.profile-out");
        if (!out.isEmpty()) {
            Path file;
            try {
                file = Path.of(out);
            } catch (InvalidPathException e) {
                throw Settings.bad("elo.profile-out", out, "a file path (" + e.getReason() + ")");
            }
            if (file.getFileName() == null) {
                throw Settings.bad("elo.profile-out", out, "a file path, such as elo-profile.conf, not a root");
            }
        }
        return out;
    }

    /** Whether sites learn at all (else every site runs its profile's strategy, or the default). */
    boolean learns() {
        return !evoPolicy.equals("off") && !evoPolicy.equals("frozen");
    }

    /** Whether a learning site may freeze: auto and canary; learn keeps learning. */
    boolean freezes() {
        return evoPolicy.equals("auto") || evoPolicy.equals("canary");
    }

    /** Whether a frozen site tries challengers after its baseline windows: auto and canary. */
    boolean canaries() {
        return freezes();
    }
}
