package io.hakmem.bench.ablation;

import io.hakmem.Mode;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A measurement step: a preset plus feature toggles, nothing else; each step adds one thing to the one before it
 * (MINIMAL, +BigCache, +Batch, +MidPool), then the presets. The steps are configuration, not code.
 *
 * @param name   the name on the command line ({@code --steps minimal,bigcache,...})
 * @param label  the column of the matrix
 */
record Step(String name, String label, Mode mode, List<String> enable, Map<String, String> settings) {

    static final List<Step> ALL = List.of(
            new Step("minimal", "MINIMAL", Mode.MINIMAL, List.of(), Map.of()),
            new Step("bigcache", "+BigCache", Mode.MINIMAL, List.of("bigcache"), Map.of()),
            new Step("batch", "+Batch", Mode.MINIMAL, List.of("bigcache", "batch"), Map.of()),
            new Step("midpool", "+MidPool", Mode.MINIMAL, List.of("bigcache", "batch", "midpool"), Map.of()),
            new Step("balanced", "BALANCED", Mode.BALANCED, List.of(), Map.of()),
            new Step("fast", "FAST", Mode.FAST, List.of(), Map.of()),
            new Step("learning", "LEARNING", Mode.LEARNING, List.of(), Map.of()),
            new Step("research", "RESEARCH", Mode.RESEARCH, List.of(), Map.of()));

    /** The comparison matrix: every step but RESEARCH (on request only). */
    static final List<String> DEFAULT = List.of("minimal", "bigcache", "batch", "midpool", "balanced", "fast",
            "learning");

    static Step named(String name) {
        return ALL.stream().filter(step -> step.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown step '" + name + "'; one of "
                        + Arrays.toString(ALL.stream().map(Step::name).toArray())));
    }
}
