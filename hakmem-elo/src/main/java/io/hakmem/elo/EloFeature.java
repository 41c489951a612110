package io.hakmem.elo;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoOptional;
import com.typesafe.config.Config;
import io.hakmem.elo.spi.BanditFactory;
import io.hakmem.spi.FeatureProvider;
import io.hakmem.spi.OsMemory;
import io.hakmem.spi.Settings;
import io.hakmem.spi.ThresholdSelector;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Feature {@code elo}: fills the {@link ThresholdSelector} seam with per-site learning. */
public final class EloFeature implements FeatureProvider {

    @Override
    public String name() {
        return "elo";
    }

    @Override
    public Set<Class<?>> seams() {
        return Set.of(ThresholdSelector.class);
    }

    /** The settings, and that the bandit they name is on the module path. */
    @Override
    public void validate(Config config) {
        bandit(EloSettings.from(config));
    }

    private static BanditFactory bandit(EloSettings settings) {
        return Bandits.find(settings.bandit())
                .orElseThrow(() -> Settings.bad("elo.bandit", settings.bandit(), String.join(", ", Bandits.names())));
    }

    @Override
    public Module module(Config config) {
        EloSettings settings = EloSettings.from(config);
        BanditFactory bandits = bandit(settings);
        EloLog log = new EloLog(settings.debug());
        Profile profile = settings.profile().isEmpty()
                ? Profile.empty() : Profile.read(Path.of(settings.profile()), settings.thresholds(), settings.bandit(), log);
        return new EloModule(settings, bandits, log, profile);
    }

    /** A profile or a learning policy set while elo is off would do nothing: say so rather than ignore it. */
    @Override
    public List<String> ignoredSettings(Config config) {
        List<String> ignored = new ArrayList<>();
        String mode = config.hasPath("mode") ? config.getString("mode") : "this";
        String enable = " (enable it with HAKMEM_ELO=1 or hakmem.features.elo = true)";
        if (config.hasPath("elo.profile") && !config.getString("elo.profile").isEmpty()) {
            ignored.add("hakmem.elo.profile = '" + config.getString("elo.profile") + "' is ignored: feature elo is off in "
                    + mode + " mode, so no site runs the profile" + enable);
        }
        String policy = config.hasPath("evo-policy") ? config.getString("evo-policy") : "off";
        if (List.of("learn", "canary", "auto").contains(policy)) {
            ignored.add("hakmem.evo-policy = " + policy + " has no effect: feature elo is off in " + mode
                    + " mode, so nothing learns" + enable);
        }
        return ignored;
    }

    /** Binds the selector the evo-policy calls for; decided here, once. */
    static final class EloModule extends AbstractModule {
        private final EloSettings settings;
        private final BanditFactory bandits;
        private final EloLog log;
        private final Profile profile;

        EloModule(EloSettings settings, BanditFactory bandits, EloLog log, Profile profile) {
            this.settings = settings;
            this.bandits = bandits;
            this.log = log;
            this.profile = profile;
        }

        @ProvidesIntoOptional(ProvidesIntoOptional.Type.ACTUAL)
        @Singleton
        ThresholdSelector selector(OsMemory os) {
            return settings.learns()
                    ? new LearningSelector(settings, bandits, Probe.of(os), System::nanoTime, Sampler.THREAD_LOCAL, log,
                    profile)
                    : new FrozenSelector(profile, settings.defaultThreshold());
        }
    }
}
