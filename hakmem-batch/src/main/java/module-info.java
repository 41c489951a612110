/**
 * Batch reclaim (feature {@code batch}): freed large blocks and discarded ranges released to the OS together
 * with madvise, keeping their address ranges for reuse. Fills the {@link io.hakmem.spi.Reclaimer} seam.
 */
module io.hakmem.batch {
    requires transitive io.hakmem;
    requires com.google.guice;
    requires typesafe.config;
    requires jdk.jfr;

    provides io.hakmem.spi.FeatureProvider with io.hakmem.batch.BatchFeature;
}
