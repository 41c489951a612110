package io.hakmem.modes.core;

import io.hakmem.spi.LargeBlockCache;
import io.hakmem.spi.OsMemory;
import io.hakmem.spi.Reclaimer;
import io.hakmem.spi.SmallTier;
import io.hakmem.spi.ThresholdSelector;

import java.util.Optional;

/**
 * The seams an allocator is composed of, as the composition root resolved them.
 *
 * @param largeMmap the seed's kill-switch: false sends every block to malloc
 */
public record Parts(OsMemory os,
                    Optional<SmallTier> small,
                    Optional<LargeBlockCache> cache,
                    Optional<Reclaimer> reclaimer,
                    ThresholdSelector selector,
                    boolean largeMmap) {
}
