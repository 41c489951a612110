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

    @Override
    public Module module(Config config) {
        EloSettings settings = EloSettings.from(config);
        BanditFactory bandits = Bandits.find(settings.bandit())
                .orElseThrow(() -> Settings.bad("elo.bandit", settings.bandit(), String.join(", ", Bandits.names())));
        EloLog log = new EloLog(settings.debug());
        Profile profile = settings.profile().isEmpty()
                ? Profile.empty() : Profile.read(Path.of(settings.profile()), settings.thresholds(), log);
        return new EloModule(settings, bandits, log, profile);
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
                    ? new LearningSelector(settings, bandits, Probe.of(os), System::nanoTime, log, profile)
                    : new FrozenSelector(profile, settings.defaultThreshold());
        }
    }
}
