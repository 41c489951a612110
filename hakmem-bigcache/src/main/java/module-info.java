/**
 * BigCache: per-site caches of freed large blocks by size class. Feature name {@code bigcache}; not implemented yet, so it provides no
 * {@link io.hakmem.spi.FeatureProvider} and a preset that enables it is refused with a message naming
 * this module.
 */
module io.hakmem.bigcache {
    requires io.hakmem;
}
