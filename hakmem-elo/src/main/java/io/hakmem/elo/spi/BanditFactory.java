package io.hakmem.elo.spi;

import com.typesafe.config.Config;

import java.util.random.RandomGenerator;

/**
 * Makes the bandits of one kind; found with {@link java.util.ServiceLoader} and chosen by
 * {@code hakmem.elo.bandit = <name>}. Declare it with {@code provides io.hakmem.elo.spi.BanditFactory with ...}.
 */
public interface BanditFactory {

    /** The name configuration chooses it by ({@code elo}, {@code ucb1}, ...). */
    String name();

    /**
     * A bandit over {@code arms} arms.
     *
     * @param settings the {@code hakmem.elo} configuration block
     * @param random   seeded from {@code hakmem.elo.seed}: with the same seed and costs, the same choices
     */
    Bandit create(int arms, Config settings, RandomGenerator random);
}
