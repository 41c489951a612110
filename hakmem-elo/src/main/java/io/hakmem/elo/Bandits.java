package io.hakmem.elo;

import io.hakmem.elo.spi.BanditFactory;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** The bandit factories on the module path, by name. */
final class Bandits {
    private Bandits() {
    }

    private static ServiceLoader<BanditFactory> loader() {
        return ServiceLoader.load(BanditFactory.class, Bandits.class.getClassLoader());
    }

    static Optional<BanditFactory> find(String name) {
        return loader().stream().map(ServiceLoader.Provider::get).filter(f -> f.name().equals(name)).findFirst();
    }

    static List<String> names() {
        return List.copyOf(new TreeSet<>(loader().stream().map(p -> p.get().name()).toList()));
    }
}
