package io.hakmem.bench.ablation;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/** The scenarios by name, in the matrix's row order; {@code trace:<file>} is the replay of a recorded trace. */
final class Scenarios {
    static final List<String> ALL = List.of("json", "mir", "vm", "mixed", "tiny-hot", "cold-churn", "json-parse",
            "larson");

    private Scenarios() {
    }

    static Scenario named(String name) {
        if (name.startsWith(TraceReplay.PREFIX)) {
            return TraceReplay.load(name);
        }
        Supplier<Scenario> scenario = switch (name) {
            case "json" -> TouchScenario::json;
            case "mir" -> TouchScenario::mir;
            case "vm" -> TouchScenario::vm;
            case "mixed" -> TouchScenario::mixed;
            case "tiny-hot" -> TinyHot::new;
            case "cold-churn" -> ColdChurn::new;
            case "json-parse" -> JsonParse::new;
            case "larson" -> Larson::new;
            default -> throw new IllegalArgumentException("Unknown scenario '" + name + "'; one of "
                    + Arrays.toString(ALL.toArray()));
        };
        return scenario.get();
    }

    /** How a scenario is shown in tables and charts: a replay by its trace's file name. */
    static String label(String name) {
        return name.startsWith(TraceReplay.PREFIX)
                ? Path.of(name.substring(TraceReplay.PREFIX.length())).getFileName().toString()
                : name;
    }
}
