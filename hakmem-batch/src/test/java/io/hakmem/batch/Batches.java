package io.hakmem.batch;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/** Batches for tests: settings over the reference.conf, a clock the test moves. */
final class Batches {
    static final long KIB = 1024;
    static final long MIB = 1024 * KIB;

    private Batches() {
    }

    static Config config(String overrides) {
        return ConfigFactory.parseString(overrides)
                .withFallback(ConfigFactory.parseString("hakmem.free-policy = batch"))
                .withFallback(ConfigFactory.defaultReference(Batches.class.getClassLoader()))
                .resolve()
                .getConfig("hakmem");
    }

    static BatchReclaimer batch(RecordingOs os, LongSupplier clock, String overrides) {
        return new BatchReclaimer(os, BatchSettings.from(config(overrides)), clock);
    }

    static Map<String, Long> counters(BatchReclaimer batch) {
        Map<String, Long> counters = new TreeMap<>();
        batch.report(counters::put);
        return counters;
    }
}
