/**
 * The seams of hakmem. The allocation core ({@code io.hakmem.modes}) holds one final reference per seam;
 * a feature module fills a seam by binding it in the Guice module its {@link io.hakmem.spi.FeatureProvider}
 * returns. An absent feature is absent from the allocate/free path: the core composes the path once, at
 * {@code create}, from the seams that are bound.
 *
 * <pre>
 *  allocate(size, align, site)
 *    SmallTier.allocate != 0                   -&gt; SmallTier        (tinypool: up to 1 KiB)
 *    MidTier.allocate != 0                     -&gt; MidTier          (midpool: up to the large threshold)
 *    size &gt;= ThresholdSelector.threshold(site) -&gt; LargeBlockCache  (bigcache)
 *                                             -&gt; Reclaimer        (batch: reuse a released block)
 *                                             -&gt; OsMemory.map
 *    otherwise                                 -&gt; OsMemory.malloc
 *  free(segment)
 *    SmallTier.owns(address)                   -&gt; SmallTier.free
 *    MidTier.owns(address)                     -&gt; MidTier.free
 *    mapped block                              -&gt; LargeBlockCache.offer, else Reclaimer.offer, else unmap
 *    malloc'd block                            -&gt; OsMemory.free
 * </pre>
 *
 * Addresses and sizes cross the seams as {@code long}s so the path allocates no Java objects.
 */
package io.hakmem.spi;
