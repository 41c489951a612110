package io.hakmem.batch;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import com.typesafe.config.Config;
import io.hakmem.spi.FeatureProvider;
import io.hakmem.spi.OsMemory;
import io.hakmem.spi.Reclaimer;

import java.util.Set;

/** Feature {@code batch}: fills the {@link Reclaimer} seam with a {@link BatchReclaimer}. */
public final class BatchFeature implements FeatureProvider {

    @Override
    public String name() {
        return "batch";
    }

    @Override
    public Set<Class<?>> seams() {
        return Set.of(Reclaimer.class);
    }

    @Override
    public Module module(Config config) {
        return new BatchModule(BatchSettings.from(config));
    }

    /** Binds one batch per allocator over the OS layer bound beside it. */
    static final class BatchModule extends AbstractModule {
        private final BatchSettings settings;

        BatchModule(BatchSettings settings) {
            this.settings = settings;
        }

        @Override
        protected void configure() {
            Provider<OsMemory> os = getProvider(OsMemory.class);
            OptionalBinder.newOptionalBinder(binder(), Reclaimer.class).setBinding()
                    .toProvider(new ReclaimerProvider(settings, os)).in(Singleton.class);
        }
    }

    /** A provider instance rather than an injected constructor: Guice needs no reflective access here. */
    record ReclaimerProvider(BatchSettings settings, Provider<OsMemory> os) implements Provider<Reclaimer> {
        @Override
        public Reclaimer get() {
            return new BatchReclaimer(os.get(), settings, System::nanoTime);
        }
    }
}
