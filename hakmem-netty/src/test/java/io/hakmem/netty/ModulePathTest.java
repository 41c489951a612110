package io.hakmem.netty;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The module as a user's modular application runs it, in a JVM of its own with native access denied unless granted:
 * {@code --enable-native-access=io.hakmem.netty} is what it needs, and all it needs beside hakmem's own.
 */
class ModulePathTest {
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static final String PROGRAM = """
            import io.hakmem.Hakmem;
            import io.hakmem.Mode;
            import io.hakmem.netty.HakmemByteBufAllocator;
            import io.netty.buffer.ByteBuf;

            public class NettyOnHakmem {
                public static void main(String[] args) {
                    try (Hakmem hakmem = Hakmem.create(Mode.BALANCED)) {
                        ByteBuf buffer = new HakmemByteBufAllocator(hakmem).directBuffer(4096);
                        buffer.setLong(4088, 42);
                        ByteBuf unwrapped = buffer.unwrap() == null ? buffer : buffer.unwrap(); // Netty's leak tracker
                        System.out.println("read " + buffer.getLong(4088) + " from " + unwrapped.getClass().getSimpleName());
                        buffer.release();
                        System.out.println("pinned " + hakmem.stats().get("pinned-blocks"));
                    } catch (IllegalCallerException e) {
                        System.out.println("refused: " + e.getMessage());
                    }
                }
            }
            """;
    /** Test tooling and Netty's tests jar. */
    private static final String NOT_PRODUCTION = ".*(junit|opentest4j|apiguardian|test-classes|-tests\\.jar|assertj).*";

    private static String run(Path dir, String nativeAccess) throws Exception {
        Path source = dir.resolve("NettyOnHakmem.java");
        Files.writeString(source, PROGRAM);
        String modulePath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.matches(NOT_PRODUCTION))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(JAVA.toString(), "--illegal-native-access=deny",
                "--enable-native-access=" + nativeAccess, "--module-path", modulePath,
                "--add-modules=io.hakmem.netty,io.hakmem.modes,io.hakmem.bigcache,io.hakmem.batch,io.hakmem.tinypool,"
                        + "io.hakmem.midpool,io.hakmem.elo", source.toString()));
        Path out = dir.resolve("out.txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "timed out");
        String output = Files.readString(out);
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    @Test
    void onTheModulePathTheAdapterNeedsNativeAccessForItself(@TempDir Path dir) throws Exception {
        String granted = run(dir, "io.hakmem.ffm,io.hakmem.netty");
        assertTrue(granted.contains("read 42 from HakmemDirectByteBuf") && granted.contains("pinned 0"), granted);

        String withheld = run(dir, "io.hakmem.ffm");
        assertTrue(withheld.contains("refused: ") && withheld.contains("io.hakmem.netty"), withheld);
    }
}
