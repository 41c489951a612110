package io.hakmem.arrow;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs a one-file program (the JDK's source launcher) in a JVM of its own, with what a user's application would
 * have: hakmem and arrow-memory-core, without the test tooling, Arrow's tests jar (whose own default factory would
 * hide a missing install) or the rest of Arrow.
 */
final class ChildJvm {
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    /** Test tooling, Arrow's tests jar and arrow-vector with its dependencies. */
    private static final String NOT_PRODUCTION =
            ".*(junit|opentest4j|apiguardian|test-classes|-tests\\.jar|logback|arrow-vector|arrow-format"
                    + "|flatbuffers|jackson|commons-codec).*";

    record Result(int exitCode, String out) {
    }

    private ChildJvm() {
    }

    /** This JVM's class path without {@link #NOT_PRODUCTION}. */
    static String productionPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.matches(NOT_PRODUCTION))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** Writes {@code source} to {@code dir/<name>.java} and runs it with {@code options} before it. */
    static Result run(Path dir, String name, String source, List<String> options, String... args)
            throws IOException, InterruptedException {
        Path file = dir.resolve(name + ".java");
        Files.writeString(file, source);
        List<String> command = new ArrayList<>(List.of(JAVA.toString()));
        command.addAll(options);
        command.add(file.toString());
        command.addAll(List.of(args));
        Path out = dir.resolve(name + ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        return new Result(process.exitValue(), Files.readString(out));
    }
}
