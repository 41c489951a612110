package io.hakmem.bigcache;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import com.typesafe.config.Config;
import io.hakmem.spi.FeatureProvider;
import io.hakmem.spi.LargeBlockCache;
import io.hakmem.spi.OsMemory;

import java.util.Set;

/** Feature {@code bigcache}: fills the {@link LargeBlockCache} seam with a {@link BigCache}. */
public final class BigCacheFeature implements FeatureProvider {

    @Override
    public String name() {
        return "bigcache";
    }

    @Override
    public Set<Class<?>> seams() {
        return Set.of(LargeBlockCache.class);
    }

    @Override
    public Module module(Config config) {
        return new BigCacheModule(BigCacheSettings.from(config));
    }

    /** Binds one cache per allocator; the page size comes from the OS layer bound beside it. */
    static final class BigCacheModule extends AbstractModule {
        private final BigCacheSettings settings;

        BigCacheModule(BigCacheSettings settings) {
            this.settings = settings;
        }

        @Override
        protected void configure() {
            Provider<OsMemory> os = getProvider(OsMemory.class);
            OptionalBinder.newOptionalBinder(binder(), LargeBlockCache.class).setBinding()
                    .toProvider(new CacheProvider(settings, os)).in(Singleton.class);
        }
    }

    /** A provider instance rather than an injected constructor: Guice needs no reflective access here. */
    record CacheProvider(BigCacheSettings settings, Provider<OsMemory> os) implements Provider<LargeBlockCache> {
        @Override
        public LargeBlockCache get() {
            return new BigCache(SizeClasses.of(settings.classes(), os.get().pageSize()), settings.maxBytes(),
                    System::nanoTime);
        }
    }
}
