package io.hakmem.modes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** hakmem as a user's program meets it: only the module path, no test harness. */
class ExternalProgramTest {

    private static final String APP_MODULE = """
            module example.app {
                requires io.hakmem;
            }
            """;

    private static final String APP_MAIN = """
            package example.app;

            import io.hakmem.Hakmem;
            import io.hakmem.HakmemStats;
            import io.hakmem.Mode;
            import java.lang.foreign.MemorySegment;
            import java.lang.foreign.ValueLayout;

            public class Main {
                public static void main(String[] args) {
                    try (Hakmem hakmem = Hakmem.create(Mode.MINIMAL)) {
                        MemorySegment small = hakmem.allocate(100, 8);
                        small.fill((byte) 7);
                        MemorySegment large = hakmem.allocate(2 << 20, 4096);
                        large.set(ValueLayout.JAVA_BYTE, 4096, (byte) 1);
                        hakmem.free(small);
                        hakmem.free(large);
                        HakmemStats stats = hakmem.stats();
                        System.out.println("mode=" + hakmem.mode() + " allocations=" + stats.allocations()
                                + " frees=" + stats.frees() + " mapped=" + stats.get("path.mapped"));
                        Module self = Main.class.getModule();
                        System.out.println("reads guice=" + self.canRead(module("com.google.guice"))
                                + " config=" + self.canRead(module("typesafe.config")));
                    }
                }

                private static Module module(String name) {
                    return ModuleLayer.boot().findModule(name).orElseThrow();
                }
            }
            """;

    private static final String CUSTOM_MODULE = """
            module example.custom {
                requires io.hakmem;
                requires com.google.guice;  // a feature speaks the SPI's Guice and Config itself
                requires typesafe.config;
                provides io.hakmem.spi.FeatureProvider with example.custom.PageThresholdFeature;
            }
            """;

    private static final String CUSTOM_FEATURE = """
            package example.custom;

            import com.google.inject.AbstractModule;
            import com.google.inject.Module;
            import com.google.inject.multibindings.OptionalBinder;
            import com.typesafe.config.Config;
            import io.hakmem.spi.FeatureProvider;
            import io.hakmem.spi.ThresholdSelector;
            import java.util.Set;

            /** A user's strategy: map every block of a page or more. */
            public class PageThresholdFeature implements FeatureProvider {
                public String name() { return "page-threshold"; }
                public Set<Class<?>> seams() { return Set.of(ThresholdSelector.class); }
                public Module module(Config config) {
                    return new AbstractModule() {
                        protected void configure() {
                            OptionalBinder.newOptionalBinder(binder(), ThresholdSelector.class)
                                    .setBinding().toInstance((site, bytes) -> 4096);
                        }
                    };
                }
            }
            """;

    private static final String CUSTOM_MAIN = """
            package example.custom;

            import io.hakmem.Hakmem;

            public class Main {
                public static void main(String[] args) {
                    try (Hakmem hakmem = Hakmem.create()) {
                        hakmem.free(hakmem.allocate(8192));
                        System.out.println("mode=" + hakmem.mode() + " mapped=" + hakmem.stats().get("path.mapped"));
                    }
                }
            }
            """;

    private static final String BANDIT_MODULE = """
            module example.bandit {
                requires io.hakmem.elo;
                provides io.hakmem.elo.spi.BanditFactory with example.bandit.LargestFirst;
            }
            """;

    private static final String BANDIT = """
            package example.bandit;

            import com.typesafe.config.Config;
            import io.hakmem.elo.spi.Bandit;
            import io.hakmem.elo.spi.BanditFactory;
            import java.util.random.RandomGenerator;

            /** A user's selector: always the largest threshold (everything malloc'd). */
            public class LargestFirst implements BanditFactory {
                public String name() { return "largest-first"; }
                public Bandit create(int arms, Config settings, RandomGenerator random) {
                    return new Bandit() {
                        public int next() { return arms - 1; }
                        public void record(int arm, double cost) { }
                        public int best() { return arms - 1; }
                        public double score(int arm) { return arm; }
                        public void restore(double[] scores, int best) { }
                        public void reopen() { }
                    };
                }
            }
            """;

    private static final String BANDIT_MAIN = """
            package example.bandit;

            import io.hakmem.Hakmem;
            import io.hakmem.HakmemStats;
            import io.hakmem.Site;

            public class Main {
                public static void main(String[] args) {
                    try (Hakmem hakmem = Hakmem.create()) {
                        Site site = hakmem.site("blocks");
                        for (int i = 0; i < 200; i++) {
                            hakmem.free(site.allocate(1 << 20));
                        }
                        HakmemStats stats = hakmem.stats();
                        System.out.println("threshold=" + stats.get("elo.site.blocks.threshold")
                                + " mapped=" + stats.get("path.mapped") + " malloc=" + stats.get("path.malloc"));
                    }
                }
            }
            """;

    @Test
    void aCustomBanditIsFoundOnTheModulePathAndChosenByName(@TempDir Path dir) throws Exception {
        Path program = ExternalProgram.compile(dir, Map.of(
                "example.bandit/module-info.java", BANDIT_MODULE,
                "example.bandit/example/bandit/LargestFirst.java", BANDIT,
                "example.bandit/example/bandit/Main.java", BANDIT_MAIN));
        Path profile = dir.resolve("learned.conf");
        ExternalProgram.Result result = ExternalProgram.java(program, "example.bandit/example.bandit.Main",
                Map.of("HAKMEM_MODE", "minimal", "HAKMEM_ELO", "1", "HAKMEM_EVO_POLICY", "learn"),
                "-Dhakmem.elo.bandit=largest-first", "-Dhakmem.elo.profile-out=" + profile);
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("threshold=" + (32 << 20) + " mapped=0 malloc=200", result.out().strip(), result.err());
        String learned = Files.readString(profile);
        assertTrue(learned.contains("bandit = largest-first") || learned.contains("bandit=largest-first"),
                "what the user's bandit learned is written on close: " + learned);
    }

    @Test
    void minimalWorksFromAProgramWithOnlyTheModulePath(@TempDir Path dir) throws Exception {
        Path program = ExternalProgram.compile(dir, Map.of(
                "example.app/module-info.java", APP_MODULE,
                "example.app/example/app/Main.java", APP_MAIN));
        ExternalProgram.Result result = ExternalProgram.java(program, "example.app/example.app.Main", Map.of());
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("mode=MINIMAL allocations=2 frees=2 mapped=1\nreads guice=false config=false",
                result.out().strip(), "an application of the API reads neither Guice nor Config");
        assertFalse(result.err().contains("WARNING"), "no restricted-method or other warnings: " + result.err());
    }

    /**
     * A typo passed with -D at JVM start: Typesafe Config's default reference merges every system property into
     * itself, which once made any -Dhakmem.<typo> a "known" key. Only a fresh JVM shows it (the reference is cached).
     */
    @Test
    void aTypoInASystemPropertyIsRefusedAtCreate(@TempDir Path dir) throws Exception {
        Path program = ExternalProgram.compile(dir, Map.of(
                "example.app/module-info.java", APP_MODULE,
                "example.app/example/app/Main.java", APP_MAIN));
        ExternalProgram.Result result = ExternalProgram.java(program, "example.app/example.app.Main", Map.of(),
                "-Dhakmem.large-threshhold=1m");
        assertNotEquals(0, result.exitCode(), result.out());
        assertTrue(result.err().contains("ConfigurationException: Unknown configuration key hakmem.large-threshhold"),
                result.err());
        assertTrue(result.err().contains("system properties"), result.err());
    }

    @Test
    void aCustomStrategyModuleIsFoundOnTheModulePathAndEnabledByName(@TempDir Path dir) throws Exception {
        Path program = ExternalProgram.compile(dir, Map.of(
                "example.custom/module-info.java", CUSTOM_MODULE,
                "example.custom/example/custom/PageThresholdFeature.java", CUSTOM_FEATURE,
                "example.custom/example/custom/Main.java", CUSTOM_MAIN));
        Map<String, String> minimal = Map.of("HAKMEM_MODE", "minimal");

        ExternalProgram.Result off = ExternalProgram.java(program, "example.custom/example.custom.Main", minimal);
        assertEquals(0, off.exitCode(), off.err());
        assertEquals("mode=MINIMAL mapped=0", off.out().strip(), "present but not enabled: the default threshold");

        ExternalProgram.Result byProperty = ExternalProgram.java(program, "example.custom/example.custom.Main",
                minimal, "-Dhakmem.features.page-threshold=true");
        assertEquals(0, byProperty.exitCode(), byProperty.err());
        assertEquals("mode=MINIMAL mapped=1", byProperty.out().strip());

        ExternalProgram.Result byVariable = ExternalProgram.java(program, "example.custom/example.custom.Main",
                Map.of("HAKMEM_MODE", "minimal", "HAKMEM_PAGE_THRESHOLD", "1"));
        assertEquals("mode=MINIMAL mapped=1", byVariable.out().strip(), byVariable.err());
        assertTrue(byVariable.err().isEmpty(), byVariable.err());
    }
}
