package io.hakmem.modes;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import io.hakmem.ffm.LinuxOsMemory;
import io.hakmem.modes.core.LimitedOsMemory;
import io.hakmem.spi.LargeBlockCache;
import io.hakmem.spi.MidTier;
import io.hakmem.spi.OsMemory;
import io.hakmem.spi.Reclaimer;
import io.hakmem.spi.SmallTier;
import io.hakmem.spi.ThresholdSelector;

/**
 * Declares the seams: the OS layer and the threshold have defaults a feature may replace
 * ({@code setBinding}); the small and mid tiers, the large-block cache and the reclaimer are empty unless a
 * feature fills them.
 */
final class CoreModule extends AbstractModule {
    private final CoreSettings settings;

    CoreModule(CoreSettings settings) {
        this.settings = settings;
    }

    @Override
    protected void configure() {
        bind(CoreSettings.class).toInstance(settings);
        OptionalBinder.newOptionalBinder(binder(), OsMemory.class)
                .setDefault().toProvider(new PlatformOsMemory(settings.maxBytes())).in(Singleton.class);
        OptionalBinder.newOptionalBinder(binder(), ThresholdSelector.class)
                .setDefault().toInstance(new FixedThreshold(settings.largeThreshold()));
        OptionalBinder.newOptionalBinder(binder(), SmallTier.class);
        OptionalBinder.newOptionalBinder(binder(), MidTier.class);
        OptionalBinder.newOptionalBinder(binder(), LargeBlockCache.class);
        OptionalBinder.newOptionalBinder(binder(), Reclaimer.class);
    }

    /** The Linux downcalls, one counting instance per allocator; under {@code hakmem.max-bytes} when one is set. */
    record PlatformOsMemory(long maxBytes) implements Provider<OsMemory> {
        @Override
        public OsMemory get() {
            LinuxOsMemory os = LinuxOsMemory.create();
            return maxBytes > 0 ? new LimitedOsMemory(os, maxBytes) : os;
        }
    }
}
