/**
 * TinyPool: thread-local size-class pools for blocks of 16 B to 1 KiB (feature {@code tinypool}), on the pool
 * engine ({@code io.hakmem.pool}).
 */
module io.hakmem.tinypool {
    requires transitive io.hakmem;
    requires com.google.guice;
    requires typesafe.config;
    requires io.hakmem.pool;

    provides io.hakmem.spi.FeatureProvider with io.hakmem.tinypool.TinyPoolFeature;

    // Guice calls the module's provider method reflectively.
    opens io.hakmem.tinypool to com.google.guice;
}
