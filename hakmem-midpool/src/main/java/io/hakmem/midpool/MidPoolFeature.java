package io.hakmem.midpool;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoOptional;
import com.typesafe.config.Config;
import io.hakmem.pool.PoolSettings;
import io.hakmem.pool.Pools;
import io.hakmem.spi.FeatureProvider;
import io.hakmem.spi.MidTier;
import io.hakmem.spi.OsMemory;
import io.hakmem.spi.Reclaimer;
import io.hakmem.spi.Settings;

import java.util.Optional;
import java.util.Set;

/**
 * Feature {@code midpool}: fills the {@link MidTier} seam with the pool engine's thread-local pools for blocks above
 * 1 KiB and below {@code hakmem.midpool.max-bytes} (by default the large threshold).
 */
public final class MidPoolFeature implements FeatureProvider {

    @Override
    public String name() {
        return "midpool";
    }

    @Override
    public Set<Class<?>> seams() {
        return Set.of(MidTier.class);
    }

    @Override
    public void validate(Config config) {
        limit(config);
        PoolSettings.from(config, name());
    }

    @Override
    public Module module(Config config) {
        return new MidPoolModule(limit(config), PoolSettings.from(config, name()));
    }

    /**
     * Requests below this are served: {@code max-bytes}, at most 1 MiB. Above the large threshold it would take
     * blocks the mapped path (and ELO's choice of threshold) are for: refused.
     */
    static long limit(Config hakmem) {
        long maxBytes = Settings.bytes(hakmem, "midpool.max-bytes");
        long threshold = Settings.bytes(hakmem, "large-threshold");
        if (maxBytes > threshold) {
            throw Settings.bad("midpool.max-bytes", String.valueOf(maxBytes),
                    "at most hakmem.large-threshold (" + threshold + "), where the mapped path takes over");
        }
        if (maxBytes <= Pools.TINY_MAX_BYTES + 1) {
            throw Settings.bad("midpool.max-bytes", String.valueOf(maxBytes), "above 1k, such as 256k");
        }
        return Math.min(maxBytes, Pools.MID_MAX_BYTES);
    }

    /** Empty slabs go back to the OS through the batch when it is bound. */
    static final class MidPoolModule extends AbstractModule {
        private final long limit;
        private final PoolSettings settings;

        MidPoolModule(long limit, PoolSettings settings) {
            this.limit = limit;
            this.settings = settings;
        }

        @ProvidesIntoOptional(ProvidesIntoOptional.Type.ACTUAL)
        @Singleton
        MidTier midPool(OsMemory os, Optional<Reclaimer> reclaimer) {
            return Pools.mid(limit, settings, os, reclaimer.orElse(null));
        }
    }
}
