package io.hakmem.bench.ablation;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/** The scenarios by name, in the matrix's row order. */
final class Scenarios {
    static final List<String> ALL = List.of("json", "mir", "vm", "mixed", "tiny-hot", "cold-churn", "json-parse",
            "larson");

    private Scenarios() {
    }

    static Scenario named(String name) {
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
}
