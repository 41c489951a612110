/**
 * MidPool: thread-local size-class pools for blocks above 1 KiB up to the large threshold (feature
 * {@code midpool}), on the pool engine ({@code io.hakmem.pool}).
 */
module io.hakmem.midpool {
    requires transitive io.hakmem;
    requires com.google.guice;
    requires typesafe.config;
    requires io.hakmem.pool;

    provides io.hakmem.spi.FeatureProvider with io.hakmem.midpool.MidPoolFeature;

    // Guice calls the module's provider method reflectively.
    opens io.hakmem.midpool to com.google.guice;
}
