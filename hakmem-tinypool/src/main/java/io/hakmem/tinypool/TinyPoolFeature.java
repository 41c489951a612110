package io.hakmem.tinypool;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoOptional;
import com.typesafe.config.Config;
import io.hakmem.spi.FeatureProvider;
import io.hakmem.spi.OsMemory;
import io.hakmem.spi.Reclaimer;
import io.hakmem.spi.SmallTier;

import java.util.Optional;
import java.util.Set;

/** Feature {@code tinypool}: fills the {@link SmallTier} seam with thread-local size-class pools. */
public final class TinyPoolFeature implements FeatureProvider {

    @Override
    public String name() {
        return "tinypool";
    }

    @Override
    public Set<Class<?>> seams() {
        return Set.of(SmallTier.class);
    }

    @Override
    public Module module(Config config) {
        return new TinyPoolModule(TinyPoolSettings.from(config));
    }

    /** Empty slabs go back to the OS through the batch when it is bound. */
    static final class TinyPoolModule extends AbstractModule {
        private final TinyPoolSettings settings;

        TinyPoolModule(TinyPoolSettings settings) {
            this.settings = settings;
        }

        @ProvidesIntoOptional(ProvidesIntoOptional.Type.ACTUAL)
        @Singleton
        SmallTier tinyPool(OsMemory os, Optional<Reclaimer> reclaimer) {
            return new TinyPool(settings, os, reclaimer.orElse(null));
        }
    }
}
