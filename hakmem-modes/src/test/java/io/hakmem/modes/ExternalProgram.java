package io.hakmem.modes;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Compiles a small modular program from source and runs it in its own JVM, with hakmem's modules and
 * their dependencies (not the test tooling) on its module path: what a user's program sees.
 */
final class ExternalProgram {
    private static final Path JAVA_BIN = Path.of(System.getProperty("java.home"), "bin");

    record Result(int exitCode, String out, String err) {
    }

    private ExternalProgram() {
    }

    /** hakmem's module path as this test JVM has it, without JUnit and its kin. */
    static String hakmemModulePath() {
        String modulePath = System.getProperty("jdk.module.path");
        if (modulePath == null) {
            throw new IllegalStateException("tests must run on the module path");
        }
        return Arrays.stream(modulePath.split(File.pathSeparator))
                .filter(entry -> !entry.matches(".*(junit|opentest4j|apiguardian|test-classes).*"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** hakmem's module path without the module of {@code artifact} ({@code hakmem-batch}, ...): a user who left it out. */
    static String hakmemModulePathWithout(String artifact) {
        String path = Arrays.stream(hakmemModulePath().split(File.pathSeparator))
                .filter(entry -> !entry.contains(artifact))
                .collect(Collectors.joining(File.pathSeparator));
        if (path.equals(hakmemModulePath())) {
            throw new IllegalStateException(artifact + " is not on the module path: " + path);
        }
        return path;
    }

    /** Writes {@code sources} (relative path -> text) under {@code dir}/src and compiles them as a module. */
    static Path compile(Path dir, Map<String, String> sources) throws IOException, InterruptedException {
        Path src = dir.resolve("src");
        Path out = dir.resolve("out");
        List<String> command = new ArrayList<>(List.of(JAVA_BIN.resolve("javac").toString(),
                "--module-path", hakmemModulePath(), "-d", out.toString()));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            command.add(file.toString());
        }
        Result compiled = run(command, Map.of());
        if (compiled.exitCode() != 0) {
            throw new IllegalStateException("javac failed:\n" + compiled.err() + compiled.out());
        }
        return out;
    }

    /** Runs {@code module/mainClass} with the compiled program beside hakmem's modules. */
    static Result java(Path program, String mainModuleAndClass, Map<String, String> environment, String... options)
            throws IOException, InterruptedException {
        return java(hakmemModulePath(), program, mainModuleAndClass, environment, options);
    }

    /** As above, on {@code modulePath} instead of all of hakmem's modules. */
    static Result java(String modulePath, Path program, String mainModuleAndClass, Map<String, String> environment,
                       String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JAVA_BIN.resolve("java").toString(),
                "--enable-native-access=io.hakmem.ffm"));
        command.addAll(List.of(options));
        command.addAll(List.of("--module-path", modulePath + File.pathSeparator + program, "-m", mainModuleAndClass));
        return run(command, environment);
    }

    private static Result run(List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("HAKMEM") || name.startsWith("HAKO_"));
        builder.environment().putAll(environment);
        Path out = Files.createTempFile("hakmem-program", ".out");
        Path err = Files.createTempFile("hakmem-program", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return result;
    }
}
