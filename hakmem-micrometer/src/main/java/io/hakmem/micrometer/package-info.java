/**
 * A {@link io.hakmem.Hakmem}'s counters as Micrometer meters, for Spring Boot, Prometheus and any other registry:
 * {@link io.hakmem.micrometer.HakmemMetrics}. Meters read a snapshot of {@code Hakmem.stats()} taken at most once
 * per {@code max-age} (one second by default), when a registry reads them: nothing runs on the allocate and free
 * paths, and a scrape costs one snapshot. A closed allocator's meters read NaN and never throw.
 *
 * <pre>
 *  meter (tags: mode + the binder's own)        counter of Hakmem.stats()
 *  gauge    hakmem.memory.live          bytes   live-bytes
 *  gauge    hakmem.memory.committed     bytes   os.mapped-bytes
 *  gauge    hakmem.memory.reserved      bytes   os.reserved-bytes
 *  gauge    hakmem.process.resident     bytes   process.resident-bytes (the whole process)
 *  gauge    hakmem.blocks.pinned                pinned-blocks (handed out by address: Arrow, Netty)
 *  counter  hakmem.allocations, hakmem.frees    allocations, frees
 *  counter  hakmem.tier.hits{tier}              tinypool.hits, midpool.hits, bigcache.hits (tiers of the preset)
 *  counter  hakmem.tier.misses{tier}            tinypool.misses, midpool.misses, bigcache.misses
 *  counter  hakmem.os.calls{call}               os.mmap, os.munmap, os.madvise, os.mprotect, os.malloc, os.free
 *  counter  hakmem.process.faults{kind}         process.minor-faults, process.major-faults (the whole process)
 *  counter  hakmem.site.allocations{site}       site.NAME.allocations
 *  counter  hakmem.site.requested{site} bytes   site.NAME.bytes
 * </pre>
 *
 * Sites created after binding get their meters at the first snapshot that shows them.
 */
package io.hakmem.micrometer;
