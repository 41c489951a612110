/**
 * TinyPool: thread-local size-class pools for small blocks (feature {@code tinypool}).
 */
module io.hakmem.tinypool {
    requires transitive io.hakmem;

    provides io.hakmem.spi.FeatureProvider with io.hakmem.tinypool.TinyPoolFeature;

    // Guice calls the module's provider method reflectively.
    opens io.hakmem.tinypool to com.google.guice;
}
