package io.hakmem.spi;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;

import java.util.function.Function;

/**
 * The module of a feature that fills one seam with a single object per allocator, made from the OS layer bound
 * beside it: {@code OsBoundSeam.module(Reclaimer.class, os -> new MyReclaimer(os, settings))}.
 */
public final class OsBoundSeam {
    private OsBoundSeam() {
    }

    /** Binds {@code seam} to what {@code factory} makes of the allocator's {@link OsMemory}, once per allocator. */
    public static <T> Module module(Class<T> seam, Function<OsMemory, ? extends T> factory) {
        return new AbstractModule() {
            @Override
            protected void configure() {
                Provider<OsMemory> os = getProvider(OsMemory.class);
                // A provider instance rather than an injected constructor: Guice needs no reflective access.
                Provider<T> made = () -> factory.apply(os.get());
                OptionalBinder.newOptionalBinder(binder(), seam).setBinding().toProvider(made).in(Singleton.class);
            }
        };
    }
}
