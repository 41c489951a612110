package io.hakmem.modes.core;

import io.hakmem.spi.LargeBlockCache;
import io.hakmem.spi.OsMemory;
import io.hakmem.spi.Reclaimer;
import io.hakmem.spi.SmallTier;
import io.hakmem.spi.ThresholdSelector;

import java.time.Duration;
import java.util.Optional;

/**
 * The seams an allocator is composed of, as the composition root resolved them.
 *
 * @param largeMmap the seed's kill-switch: false sends every block to malloc
 * @param thp       {@code hakmem.thp}: off, auto or on (how mapped blocks meet transparent huge pages)
 * @param idleDelay {@code hakmem.idle-release.delay}: idle this long, the parts holding freed memory are
 *                  trimmed; 0 turns the idle release off
 * @param idleFloor {@code hakmem.idle-release.floor}: what each of them may keep
 */
public record Parts(OsMemory os,
                    Optional<SmallTier> small,
                    Optional<LargeBlockCache> cache,
                    Optional<Reclaimer> reclaimer,
                    ThresholdSelector selector,
                    boolean largeMmap,
                    String thp,
                    Duration idleDelay,
                    long idleFloor) {
}
