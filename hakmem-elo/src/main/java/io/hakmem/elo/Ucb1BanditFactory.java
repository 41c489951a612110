package io.hakmem.elo;

import com.typesafe.config.Config;
import io.hakmem.elo.spi.Bandit;
import io.hakmem.elo.spi.BanditFactory;

import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/** {@code hakmem.elo.bandit = ucb1}: UCB1 with its adoption rule. */
public final class Ucb1BanditFactory implements BanditFactory {

    @Override
    public String name() {
        return "ucb1";
    }

    @Override
    public Bandit create(int arms, Config settings, RandomGenerator random) {
        Config ucb1 = settings.getConfig("ucb1");
        return new Ucb1Bandit(arms, ucb1.getDouble("exploration"), ucb1.getInt("adopt-wins"),
                ucb1.getDouble("adopt-margin"), ucb1.getDuration("cooldown", TimeUnit.NANOSECONDS), System::nanoTime);
    }
}
