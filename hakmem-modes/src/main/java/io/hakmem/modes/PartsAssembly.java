package io.hakmem.modes;

import io.hakmem.ConfigurationException;
import io.hakmem.modes.core.LimitedOsMemory;
import io.hakmem.modes.core.Parts;
import io.hakmem.spi.LargeBlockCache;
import io.hakmem.spi.MidTier;
import io.hakmem.spi.OsMemory;
import io.hakmem.spi.Reclaimer;
import io.hakmem.spi.SmallTier;
import io.hakmem.spi.ThresholdSelector;
import jakarta.inject.Inject;

import java.util.Optional;

/** What the injector resolved for each seam; the only class of the core that Guice constructs. */
final class PartsAssembly {
    private final Parts parts;

    @Inject
    PartsAssembly(OsMemory os, Optional<SmallTier> small, Optional<MidTier> mid, Optional<LargeBlockCache> cache,
                  Optional<Reclaimer> reclaimer, ThresholdSelector selector, CoreSettings settings) {
        if (settings.maxBytes() > 0 && !(os instanceof LimitedOsMemory)) {
            throw new ConfigurationException("hakmem.max-bytes = " + settings.maxBytes() + " counts what the platform "
                    + "OS layer hands out, but the OS layer is replaced by " + os.getClass().getName()
                    + ": it would not be enforced; set no limit with this OS layer");
        }
        this.parts = new Parts(os, small, mid, cache, reclaimer, selector, settings.largeMmap(), settings.thp(),
                settings.idleDelay(), settings.idleFloor());
    }

    Parts parts() {
        return parts;
    }
}
