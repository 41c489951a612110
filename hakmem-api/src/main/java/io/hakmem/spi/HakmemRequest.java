package io.hakmem.spi;

import io.hakmem.Mode;

import java.util.Map;

/**
 * What a {@link io.hakmem.HakmemBuilder} asks for.
 *
 * @param mode     the preset, or {@code null} for the one configuration names
 * @param features feature toggles by name, applied over the preset
 * @param settings configuration values by path under {@code hakmem}, in HOCON syntax; the highest layer
 */
public record HakmemRequest(Mode mode, Map<String, Boolean> features, Map<String, String> settings) {
    public HakmemRequest {
        features = Map.copyOf(features);
        settings = Map.copyOf(settings);
    }
}
