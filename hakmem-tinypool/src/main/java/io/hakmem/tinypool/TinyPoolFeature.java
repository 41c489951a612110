package io.hakmem.tinypool;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoOptional;
import com.typesafe.config.Config;
import io.hakmem.pool.PoolSettings;
import io.hakmem.pool.Pools;
import io.hakmem.spi.FeatureProvider;
import io.hakmem.spi.OsMemory;
import io.hakmem.spi.Reclaimer;
import io.hakmem.spi.SmallTier;

import java.util.Optional;
import java.util.Set;

/** Feature {@code tinypool}: fills the {@link SmallTier} seam with the pool engine's thread-local 16 B..1 KiB pools. */
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
    public void validate(Config config) {
        PoolSettings.from(config, name());
    }

    @Override
    public Module module(Config config) {
        return new TinyPoolModule(PoolSettings.from(config, name()));
    }

    /** Empty slabs go back to the OS through the batch when it is bound. */
    static final class TinyPoolModule extends AbstractModule {
        private final PoolSettings settings;

        TinyPoolModule(PoolSettings settings) {
            this.settings = settings;
        }

        @ProvidesIntoOptional(ProvidesIntoOptional.Type.ACTUAL)
        @Singleton
        SmallTier tinyPool(OsMemory os, Optional<Reclaimer> reclaimer) {
            return Pools.tiny(settings, os, reclaimer.orElse(null));
        }
    }
}
