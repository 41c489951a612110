package io.hakmem.spi;

/**
 * The mid-size tier (MidPool): offered what the {@link SmallTier} refused, serves blocks above the small tier's
 * sizes and below the large threshold (where the mapped path takes over), with the same contract.
 */
public interface MidTier extends SmallTier {
}
