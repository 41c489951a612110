package io.hakmem.arrow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a user's application sees with hakmem as Arrow's only backend (no arrow-memory-unsafe, no arrow-memory-netty),
 * on the class path and on the module path, each in a JVM of its own.
 */
class WithoutArrowsBackendsTest {
    /**
     * {@code install}: makes hakmem Arrow's default, then lets Arrow build its allocator as Arrow's own code does;
     * {@code factory-only}: no install, a root allocator given hakmem's factory. Either way one buffer is
     * allocated, written and read.
     */
    private static final String PROGRAM = """
            import io.hakmem.Hakmem;
            import io.hakmem.Mode;
            import io.hakmem.arrow.HakmemArrow;
            import org.apache.arrow.memory.ArrowBuf;
            import org.apache.arrow.memory.RootAllocator;

            public class ArrowOnHakmem {
                public static void main(String[] args) {
                    try (Hakmem hakmem = Hakmem.create(Mode.BALANCED)) {
                        boolean install = args[0].equals("install");
                        if (install) {
                            HakmemArrow.installAsDefault(hakmem);
                        }
                        try (RootAllocator arrow = install ? new RootAllocator(1 << 20)
                                : HakmemArrow.rootAllocator(hakmem, 1 << 20);
                             ArrowBuf buffer = arrow.buffer(100)) {
                            buffer.setInt(96, 42);
                            System.out.println("read " + buffer.getInt(96) + " at 64-byte boundary "
                                    + (buffer.memoryAddress() % 64 == 0));
                        }
                    } catch (IllegalStateException e) {
                        System.out.println("refused: " + e.getMessage());
                    }
                }
            }
            """;
    private static final List<String> COMMON = List.of("--sun-misc-unsafe-memory-access=allow");
    private static final String OPENS = "--add-opens=org.apache.arrow.memory.core/org.apache.arrow.memory=io.hakmem.arrow";
    private static final String MODULES = "--add-modules=io.hakmem.arrow,io.hakmem.modes,io.hakmem.bigcache,"
            + "io.hakmem.batch,io.hakmem.tinypool,io.hakmem.midpool,io.hakmem.elo";

    private static ChildJvm.Result onClassPath(Path dir, String mode) throws Exception {
        return ChildJvm.run(dir, "ArrowOnHakmem", PROGRAM, concat(COMMON, "--enable-native-access=ALL-UNNAMED",
                "-cp", ChildJvm.productionPath()), mode);
    }

    private static ChildJvm.Result onModulePath(Path dir, String... flags) throws Exception {
        List<String> options = concat(COMMON, "--enable-native-access=io.hakmem.ffm", "--module-path",
                ChildJvm.productionPath(), MODULES);
        return ChildJvm.run(dir, "ArrowOnHakmem", PROGRAM, concat(options, flags), "install");
    }

    private static List<String> concat(List<String> first, String... more) {
        return Stream.concat(first.stream(), Arrays.stream(more)).toList();
    }

    @Test
    void onTheClassPathInstallingHakmemIsWhatLetsArrowStart(@TempDir Path dir) throws Exception {
        ChildJvm.Result installed = onClassPath(dir, "install");
        assertEquals(0, installed.exitCode(), installed.out());
        assertTrue(installed.out().contains("read 42 at 64-byte boundary true"), installed.out());

        ChildJvm.Result factoryOnly = onClassPath(dir, "factory-only");
        assertTrue(factoryOnly.out().contains("refused: Arrow could not initialise its allocators")
                        && factoryOnly.out().contains("HakmemArrow.installAsDefault(hakmem)"),
                "a factory alone is not enough for Arrow, and the error says what is: " + factoryOnly.out());
    }

    @Test
    void onTheModulePathTheInstallNeedsArrowsPackageOpened(@TempDir Path dir) throws Exception {
        ChildJvm.Result opened = onModulePath(dir, OPENS);
        assertEquals(0, opened.exitCode(), opened.out());
        assertTrue(opened.out().contains("read 42 at 64-byte boundary true"), opened.out());

        ChildJvm.Result closed = onModulePath(dir);
        assertTrue(closed.out().contains("refused: ") && closed.out().contains(OPENS),
                "the error names the flag: " + closed.out());
    }
}
