package io.hakmem.elo;

import com.typesafe.config.Config;
import io.hakmem.elo.spi.Bandit;
import io.hakmem.elo.spi.BanditFactory;

import java.util.random.RandomGenerator;

/** {@code hakmem.elo.bandit = elo}: ELO rating (K, initial rating, epsilon, survivors). */
public final class EloBanditFactory implements BanditFactory {

    @Override
    public String name() {
        return "elo";
    }

    @Override
    public Bandit create(int arms, Config settings, RandomGenerator random) {
        return new EloBandit(arms, settings.getDouble("k"), settings.getDouble("initial-rating"),
                settings.getDouble("epsilon"), settings.getInt("survivors"), random);
    }
}
