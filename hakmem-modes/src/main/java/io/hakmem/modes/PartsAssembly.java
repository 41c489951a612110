package io.hakmem.modes;

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
        this.parts = new Parts(os, small, mid, cache, reclaimer, selector, settings.largeMmap(), settings.thp(),
                settings.idleDelay(), settings.idleFloor());
    }

    Parts parts() {
        return parts;
    }
}
