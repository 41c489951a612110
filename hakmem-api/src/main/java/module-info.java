/**
 * hakmem's public API ({@code io.hakmem}) and the seams features plug into ({@code io.hakmem.spi}).
 *
 * <p>The SPI speaks Guice (a feature contributes a module) and Typesafe Config (a feature reads its own
 * settings), so both are transitive.
 */
module io.hakmem {
    requires transitive com.google.guice;
    requires transitive typesafe.config;

    exports io.hakmem;
    exports io.hakmem.spi;

    uses io.hakmem.spi.HakmemProvider;
}
