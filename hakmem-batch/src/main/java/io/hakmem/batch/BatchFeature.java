package io.hakmem.batch;

import com.google.inject.Module;
import com.typesafe.config.Config;
import io.hakmem.spi.FeatureProvider;
import io.hakmem.spi.OsBoundSeam;
import io.hakmem.spi.Reclaimer;

import java.util.Set;

/** Feature {@code batch}: fills the {@link Reclaimer} seam with a {@link BatchReclaimer}. */
public final class BatchFeature implements FeatureProvider {

    @Override
    public String name() {
        return "batch";
    }

    @Override
    public Set<Class<?>> seams() {
        return Set.of(Reclaimer.class);
    }

    @Override
    public void validate(Config config) {
        BatchSettings.from(config);
    }

    @Override
    public Module module(Config config) {
        BatchSettings settings = BatchSettings.from(config);
        return OsBoundSeam.module(Reclaimer.class, os -> new BatchReclaimer(os, settings, System::nanoTime));
    }
}
