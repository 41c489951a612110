/**
 * The composition root and the allocation core. Provides {@link io.hakmem.spi.HakmemProvider} for
 * {@code Hakmem.create}; finds {@link io.hakmem.spi.FeatureProvider}s on the module path.
 */
module io.hakmem.modes {
    requires io.hakmem;
    requires com.google.guice;
    requires typesafe.config;
    requires io.hakmem.ffm;
    requires jakarta.inject;
    requires java.management;
    requires jdk.jfr;
    // Guice is an automatic module and cannot require what it needs; name it here so that a plain
    // module path resolves it.
    requires com.google.common;
    requires aopalliance;

    uses io.hakmem.spi.FeatureProvider;

    provides io.hakmem.spi.HakmemProvider with io.hakmem.modes.ModesProvider;

    opens io.hakmem.modes to com.google.guice;
}
