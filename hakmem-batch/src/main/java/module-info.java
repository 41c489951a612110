/**
 * Batch reclaim: freed large blocks given back to the OS together with madvise. Feature name {@code batch}; not implemented yet, so it provides no
 * {@link io.hakmem.spi.FeatureProvider} and a preset that enables it is refused with a message naming
 * this module.
 */
module io.hakmem.batch {
    requires io.hakmem;
}
