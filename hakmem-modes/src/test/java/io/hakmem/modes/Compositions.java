package io.hakmem.modes;

import com.google.inject.Module;
import com.google.inject.util.Modules;
import io.hakmem.Mode;
import io.hakmem.spi.FeatureProvider;
import io.hakmem.spi.HakmemRequest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds compositions with a chosen environment, system properties and features, for tests. */
final class Compositions {
    private final Map<String, String> variables = new LinkedHashMap<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, Boolean> features = new LinkedHashMap<>();
    private final Map<String, String> settings = new LinkedHashMap<>();
    private Mode mode;
    private FeatureCatalog catalog;
    private Module extra = Modules.EMPTY_MODULE;
    private ClassLoader loader = Compositions.class.getClassLoader();

    static Compositions with() {
        return new Compositions();
    }

    Compositions env(String name, String value) {
        variables.put(name, value);
        return this;
    }

    Compositions property(String name, String value) {
        properties.put(name, value);
        return this;
    }

    Compositions mode(Mode mode) {
        this.mode = mode;
        return this;
    }

    Compositions feature(String name, boolean on) {
        features.put(name, on);
        return this;
    }

    Compositions set(String path, String value) {
        settings.put(path, value);
        return this;
    }

    /** Only these providers are "on the module path". */
    Compositions providers(FeatureProvider... providers) {
        this.catalog = FeatureCatalog.of(List.of(providers), List.of());
        return this;
    }

    Compositions extra(Module module) {
        this.extra = module;
        return this;
    }

    /** The OS layer the allocator sees: a fault injector, a fault counter. */
    Compositions os(io.hakmem.spi.OsMemory os) {
        return extra(new com.google.inject.AbstractModule() {
            @Override
            protected void configure() {
                com.google.inject.multibindings.OptionalBinder.newOptionalBinder(binder(), io.hakmem.spi.OsMemory.class)
                        .setBinding().toInstance(os);
            }
        });
    }

    Compositions loader(ClassLoader loader) {
        this.loader = loader;
        return this;
    }

    HakmemRequest request() {
        return new HakmemRequest(mode, features, settings);
    }

    Environment environment() {
        return new Environment(variables, properties);
    }

    FeatureCatalog catalog() {
        return catalog != null ? catalog : FeatureCatalog.discover(loader);
    }

    /** Resolves the configuration only: nothing is composed or mapped. */
    LayeredConfig resolve() {
        return LayeredConfig.resolve(request(), environment(), catalog().names(), loader);
    }

    Composer.Composition compose() {
        return Composer.compose(request(), environment(), loader, catalog(), extra);
    }
}
