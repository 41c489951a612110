package io.hakmem.modes.core;

import io.hakmem.spi.LargeBlockCache;
import io.hakmem.spi.MidTier;
import io.hakmem.spi.OsMemory;
import io.hakmem.spi.Reclaimer;
import io.hakmem.spi.SmallTier;
import io.hakmem.spi.ThresholdSelector;

import io.hakmem.spi.AllocatorPart;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The seams an allocator is composed of, as the composition root resolved them.
 *
 * @param largeMmap the kill-switch of the mapped path: false sends every block to malloc
 * @param thp       {@code hakmem.thp}: off, auto or on (how mapped blocks meet transparent huge pages)
 * @param idleDelay {@code hakmem.idle-release.delay}: idle this long, the parts holding freed memory are
 *                  trimmed; 0 turns the idle release off
 * @param idleFloor {@code hakmem.idle-release.floor}: what each of them may keep
 */
public record Parts(OsMemory os,
                    Optional<SmallTier> small,
                    Optional<MidTier> mid,
                    Optional<LargeBlockCache> cache,
                    Optional<Reclaimer> reclaimer,
                    ThresholdSelector selector,
                    boolean largeMmap,
                    String thp,
                    Duration idleDelay,
                    long idleFloor) {

    /**
     * The parts that hold freed memory, in trim order: upstream first, so what the small tier and the cache
     * let go reaches the reclaimer before it flushes.
     */
    List<AllocatorPart> holders() {
        List<AllocatorPart> holders = new ArrayList<>(pools());
        cache.ifPresent(holders::add);
        reclaimer.ifPresent(holders::add);
        return List.copyOf(holders);
    }

    /** Every part in trim order: the holders, then the selector and the OS. */
    List<AllocatorPart> trimOrder() {
        List<AllocatorPart> ordered = new ArrayList<>(holders());
        ordered.add(selector);
        ordered.add(os);
        return List.copyOf(ordered);
    }

    /** The pools: closed last, once no block handed out by address is left in their regions. */
    List<AllocatorPart> pools() {
        List<AllocatorPart> pools = new ArrayList<>();
        small.ifPresent(pools::add);
        mid.ifPresent(pools::add);
        return List.copyOf(pools);
    }

    /**
     * Every part but the pools in close order: the cache into the reclaimer, the reclaimer's last flush while the
     * pools' ranges are still mapped (the pools close after it), the selector, the OS.
     */
    List<AllocatorPart> closeOrder() {
        List<AllocatorPart> ordered = new ArrayList<>();
        cache.ifPresent(ordered::add);
        reclaimer.ifPresent(ordered::add);
        ordered.add(selector);
        ordered.add(os);
        return List.copyOf(ordered);
    }

    /**
     * Closes every part, in close order and the pools last, after the allocator over them failed to come up: the
     * pools' reservations and the cache go back rather than stay mapped for a refused allocator. Each part is
     * tried; what fails is added to {@code failure}.
     */
    void closeAfterFailedCreate(Throwable failure) {
        List<AllocatorPart> all = new ArrayList<>(closeOrder());
        all.addAll(pools());
        for (AllocatorPart part : all) {
            try {
                part.close();
            } catch (RuntimeException | Error e) {
                failure.addSuppressed(e);
            }
        }
    }
}
