/**
 * ELO strategy selection per call site, with the LEARN -> FROZEN -> CANARY lifecycle (feature {@code elo}).
 * The bandit that rates the strategies is itself a plug-in: {@link io.hakmem.elo.spi.BanditFactory}, found with
 * {@link java.util.ServiceLoader} and chosen by name ({@code hakmem.elo.bandit = elo | ucb1 | ...}).
 */
module io.hakmem.elo {
    requires transitive io.hakmem;
    requires com.google.guice;
    requires transitive typesafe.config; // the bandit SPI's factories read their settings
    requires jdk.jfr;

    exports io.hakmem.elo.spi;

    uses io.hakmem.elo.spi.BanditFactory;

    provides io.hakmem.spi.FeatureProvider with io.hakmem.elo.EloFeature;

    // Guice calls the module's provider method reflectively.
    opens io.hakmem.elo to com.google.guice;
    provides io.hakmem.elo.spi.BanditFactory with io.hakmem.elo.EloBanditFactory, io.hakmem.elo.Ucb1BanditFactory;
}
