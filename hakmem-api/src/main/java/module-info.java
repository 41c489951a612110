/**
 * hakmem's public API ({@code io.hakmem}) and the seams features plug into ({@code io.hakmem.spi}).
 *
 * <p>The SPI speaks Guice (a feature contributes a module) and Typesafe Config (a feature reads its own
 * settings); an application that only allocates does not read either, so neither is transitive: a feature
 * module requires them itself.
 */
module io.hakmem {
    requires com.google.guice;
    requires typesafe.config;

    exports io.hakmem;
    exports io.hakmem.spi;

    uses io.hakmem.spi.HakmemProvider;
}
