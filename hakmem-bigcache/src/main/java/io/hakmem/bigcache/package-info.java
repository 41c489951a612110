/**
 * BigCache: per-site caches of freed large blocks by size class (feature {@code bigcache}).
 *
 * <pre>
 *  sites[site][class] -&gt; Bin: a LIFO of (address, stamp) pairs, its own spin lock, its own counters
 *
 *  take(site, capacity)   class of capacity -&gt; that bin -&gt; pop the newest block (or a miss)
 *  offer(site, a, cap)    reserve cap bytes under the cap (one CAS) -&gt; push onto the bin
 *                         over the cap: evict the globally oldest bins' bottoms downstream until it fits
 * </pre>
 *
 * <ul>
 *   <li>Hit path: one volatile read (the site table), one CAS (the bin's lock), one atomic add (the cached
 *       bytes); a free: the bin's CAS, a CAS for the cap, a clock read for the stamp. No global lock, no
 *       allocation, no table that collides: site ids are dense, the site table
 *       grows copy-on-write the first time a site is seen, a bin's array doubles when it is full.</li>
 *   <li>Sizes: a request is mapped at its class's capacity ({@link io.hakmem.spi.LargeBlockCache#capacityFor}),
 *       so every cached block is exactly a class and any block of the bin serves any request of the class.
 *       Requests above the largest class are page-rounded and never cached.</li>
 *   <li>Cap: {@code bytes} counts cached blocks and reservations in flight; a reservation is a CAS that
 *       never takes it over {@code hakmem.bigcache.max-bytes}, made before the block is pushed (and a hit
 *       subtracts only after the pop), so neither the counter nor the cached blocks ever exceed the cap, not
 *       even for an instant.</li>
 *   <li>LRU: every block carries the time it was freed; the evictor (a slow path, one at a time) scans the
 *       bins' bottoms, which are their oldest blocks, takes the oldest of all, and hands it downstream
 *       (the batch, or munmap) outside every lock. Trim and close evict the same way.</li>
 *   <li>A block the cache took is never unmapped by it: it leaves only downstream.</li>
 * </ul>
 *
 * Counters: {@code bigcache.hits}, {@code .misses}, {@code .inserts}, {@code .evictions}, {@code .refused}
 * (offers not kept: above the largest class, larger than the cap, or no room), {@code .bytes},
 * {@code .blocks}.
 */
package io.hakmem.bigcache;
