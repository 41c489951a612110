/**
 * BigCache: per-site caches of freed large blocks by size class (feature {@code bigcache}). Fills the
 * {@link io.hakmem.spi.LargeBlockCache} seam.
 */
module io.hakmem.bigcache {
    requires transitive io.hakmem;
    requires com.google.guice;
    requires typesafe.config;
    requires jdk.jfr;

    provides io.hakmem.spi.FeatureProvider with io.hakmem.bigcache.BigCacheFeature;
}
