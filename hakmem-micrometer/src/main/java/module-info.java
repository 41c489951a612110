/**
 * hakmem's counters in Micrometer: {@link io.hakmem.micrometer.HakmemMetrics}, a {@code MeterBinder}.
 * Micrometer's core is an automatic module ({@code micrometer.core}).
 */
@SuppressWarnings("requires-transitive-automatic") // MeterBinder is this module's API
module io.hakmem.micrometer {
    requires transitive io.hakmem;
    requires transitive micrometer.core;

    exports io.hakmem.micrometer;
}
