package io.hakmem.bigcache;

import com.google.inject.Module;
import com.typesafe.config.Config;
import io.hakmem.spi.FeatureProvider;
import io.hakmem.spi.LargeBlockCache;
import io.hakmem.spi.OsBoundSeam;

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
    public void validate(Config config) {
        BigCacheSettings.from(config);
    }

    @Override
    public Module module(Config config) {
        BigCacheSettings settings = BigCacheSettings.from(config);
        // The classes are rounded to the page size of the OS layer bound beside the cache.
        return OsBoundSeam.module(LargeBlockCache.class, os -> new BigCache(
                SizeClasses.of(settings.classes(), os.pageSize()), settings.maxBytes(), System::nanoTime));
    }
}
