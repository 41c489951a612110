/**
 * TinyPool: thread-local size-class pools for small blocks. Feature name {@code tinypool}; not implemented yet, so it provides no
 * {@link io.hakmem.spi.FeatureProvider} and a preset that enables it is refused with a message naming
 * this module.
 */
module io.hakmem.tinypool {
    requires io.hakmem;
}
