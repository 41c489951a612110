package io.hakmem.pool;

import io.hakmem.spi.MidTier;
import io.hakmem.spi.OsMemory;
import io.hakmem.spi.Reclaimer;
import io.hakmem.spi.SmallTier;

/** The pools this engine makes, for the features that bind them (tinypool, midpool). */
public final class Pools {
    /** TinyPool serves requests (the larger of size and alignment) up to this. */
    public static final long TINY_MAX_BYTES = TinyPool.MAX_BYTES;
    /** MidPool serves requests below at most this. */
    public static final long MID_MAX_BYTES = MidPool.MAX_BYTES;

    private Pools() {
    }

    /** Blocks of 16 B to 1 KiB in seven power-of-two classes; empty slabs go back through {@code reclaimer} when not null. */
    public static SmallTier tiny(PoolSettings settings, OsMemory os, Reclaimer reclaimer) {
        return new TinyPool(settings, os, reclaimer);
    }

    /** Blocks above 1 KiB and below {@code limit}, eight classes per doubling. */
    public static MidTier mid(long limit, PoolSettings settings, OsMemory os, Reclaimer reclaimer) {
        return new MidPool(limit, settings, os, reclaimer);
    }
}
