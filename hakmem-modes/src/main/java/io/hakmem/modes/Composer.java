package io.hakmem.modes;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.util.Modules;
import io.hakmem.ConfigurationException;
import io.hakmem.modes.core.CoreAllocator;
import io.hakmem.modes.core.Parts;
import io.hakmem.spi.FeatureProvider;
import io.hakmem.spi.HakmemRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Composition, once per allocator: resolve and validate the configuration, find the enabled features,
 * install their Guice modules next to the core's, and build the allocator from what was bound.
 */
final class Composer {
    private static final System.Logger LOG = System.getLogger("io.hakmem");
    /** The deprecation warning of the migration plan is logged once per JVM, however many allocators. */
    private static final AtomicBoolean DEPRECATION_LOGGED = new AtomicBoolean();

    static {
        // Guice 7.0.0 generates classes through sun.misc.Unsafe, which JDK 25 warns about; composition runs
        // once per allocator, so reflection costs nothing that matters. An explicit setting is kept.
        if (System.getProperty("guice_bytecode_gen_option") == null) {
            System.setProperty("guice_bytecode_gen_option", "DISABLED");
        }
    }

    private Composer() {
    }

    /** What a composition made, and what it had to say. */
    record Composition(CoreAllocator allocator, LayeredConfig config, List<String> features, List<String> warnings) {
    }

    static Composition compose(HakmemRequest request, Environment environment, ClassLoader loader) {
        return compose(request, environment, loader, FeatureCatalog.discover(loader), Modules.EMPTY_MODULE);
    }

    /**
     * As above, with the features of {@code catalog} and {@code extra} installed beside them: tests choose
     * the features on the "module path" and bind a fault-injecting OS.
     */
    static Composition compose(HakmemRequest request, Environment environment, ClassLoader loader,
                               FeatureCatalog catalog, Module extra) {
        catalog.problems().forEach(problem -> LOG.log(System.Logger.Level.WARNING, problem));
        LayeredConfig config = LayeredConfig.resolve(request, environment, catalog.names(), loader);
        catalog.providers().forEach(provider -> provider.validate(config.hakmem())); // enabled or not
        if (!config.warnings().isEmpty() && DEPRECATION_LOGGED.compareAndSet(false, true)) {
            config.warnings().forEach(warning -> LOG.log(System.Logger.Level.WARNING, warning));
        }
        CoreSettings settings = CoreSettings.from(config.hakmem());

        List<Module> modules = new ArrayList<>();
        modules.add(new CoreModule(settings));
        Map<Class<?>, String> seamOwners = new HashMap<>();
        List<String> features = new ArrayList<>();
        for (String name : config.enabledFeatures()) {
            FeatureProvider provider = catalog.find(name).orElseThrow(() -> missing(name, config, catalog));
            for (Class<?> seam : provider.seams()) {
                String owner = seamOwners.putIfAbsent(seam, name);
                if (owner != null) {
                    throw new ConfigurationException("Features '" + owner + "' and '" + name + "' both fill the seam "
                            + seam.getSimpleName() + "; enable only one of them");
                }
            }
            modules.add(provider.module(config.hakmem()));
            features.add(name);
        }

        List<String> warnings = new ArrayList<>(config.warnings());
        for (String name : catalog.names()) {
            if (!features.contains(name)) {
                catalog.find(name).ifPresent(provider -> warnings.addAll(ignored(provider, config)));
            }
        }

        modules.add(extra);
        Parts parts = assemble(modules);
        CoreAllocator allocator = CoreAllocator.create(config.mode(), parts, settings.oversight());
        LOG.log(System.Logger.Level.DEBUG, () -> "hakmem " + config.mode().configName() + " composed with features "
                + features + " and " + settings);
        return new Composition(allocator, config, List.copyOf(features), List.copyOf(warnings));
    }

    /** A feature that is off says which of its settings are set for nothing; logged for every allocator. */
    private static List<String> ignored(FeatureProvider provider, LayeredConfig config) {
        List<String> ignored = provider.ignoredSettings(config.hakmem());
        ignored.forEach(warning -> LOG.log(System.Logger.Level.WARNING, warning));
        return ignored;
    }

    /** The injector's parts; a feature's own refusal (bad setting, unsupported platform) is the error reported. */
    private static Parts assemble(List<Module> modules) {
        try {
            Injector injector = Guice.createInjector(Stage.PRODUCTION, modules);
            return injector.getInstance(PartsAssembly.class).parts();
        } catch (CreationException | ProvisionException e) {
            // A feature's own refusal (bad setting, unsupported platform) is the real error.
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof ConfigurationException || cause instanceof UnsupportedOperationException
                        || cause instanceof OutOfMemoryError) {
                    throw sneaky(cause);
                }
            }
            throw new IllegalStateException("hakmem could not compose its features: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }

    private static ConfigurationException missing(String feature, LayeredConfig config, FeatureCatalog catalog) {
        String who = config.presetEnables(feature)
                ? "Mode " + config.mode() + " enables feature '" + feature + "'"
                : "Feature '" + feature + "' is enabled (by an override, on mode " + config.mode() + ")";
        String module = FeatureCatalog.BUILT_IN.get(feature);
        String where = module != null
                ? "add the module " + module + " (artifact io.github.hakmem:hakmem-" + feature + ") to the module path"
                : "add the module that provides it to the module path";
        String problems = catalog.problems().isEmpty() ? "" : " (" + String.join("; ", catalog.problems()) + ")";
        return new ConfigurationException(who + ", but no provider of it is on the module path: " + where
                + ", or turn it off with " + EnvironmentOverrides.featureVariable(feature) + "=0" + problems);
    }
}
