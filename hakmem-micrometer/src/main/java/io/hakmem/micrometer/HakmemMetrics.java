package io.hakmem.micrometer;

import io.hakmem.Hakmem;
import io.hakmem.HakmemStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Publishes a {@link Hakmem}'s counters to Micrometer (the meters are listed in the package documentation), tagged
 * {@code mode} and with the tags given here; a site's meters are tagged {@code site} too. Two allocators of one
 * mode in one registry need a tag of their own to tell them apart.
 *
 * <pre>{@code
 * new HakmemMetrics(hakmem, Tags.of("allocator", "ingest")).bindTo(registry);
 * }</pre>
 *
 * The meters hold the allocator: a closed one reads NaN until the meters are removed from the registry.
 */
public final class HakmemMetrics implements MeterBinder {
    /** How long one snapshot of the counters serves the meters: about one scrape. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(1);

    /** Tiers whose hits and misses are published when the allocator's preset has them. */
    private static final List<String> TIERS = List.of("tinypool", "midpool", "bigcache");
    private static final List<String> OS_CALLS = List.of("mmap", "munmap", "madvise", "mprotect", "malloc", "free");
    private static final String SITE_PREFIX = "site.";
    private static final String SITE_ALLOCATIONS = ".allocations";
    private static final String SITE_BYTES = ".bytes";

    private final Tags tags;
    private final StatsSnapshot snapshot;
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    private final Set<String> sitesBound = ConcurrentHashMap.newKeySet();

    /** Tagged {@code mode} only; snapshots serve for {@link #DEFAULT_MAX_AGE}. */
    public HakmemMetrics(Hakmem hakmem) {
        this(hakmem, Tags.empty(), DEFAULT_MAX_AGE);
    }

    /** Tagged {@code mode} and {@code tags}; snapshots serve for {@link #DEFAULT_MAX_AGE}. */
    public HakmemMetrics(Hakmem hakmem, Iterable<Tag> tags) {
        this(hakmem, tags, DEFAULT_MAX_AGE);
    }

    /** Tagged {@code mode} and {@code tags}; one snapshot of the counters serves the meters for {@code maxAge}. */
    public HakmemMetrics(Hakmem hakmem, Iterable<Tag> tags, Duration maxAge) {
        Objects.requireNonNull(hakmem, "hakmem");
        this.tags = Tags.of(tags).and("mode", hakmem.mode().configName());
        this.snapshot = new StatsSnapshot(hakmem, maxAge, this::bindNewSites);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        registries.add(registry);
        gauge(registry, "hakmem.memory.live", HakmemStats.LIVE_BYTES, BaseUnits.BYTES,
                "Bytes requested by the blocks still live");
        gauge(registry, "hakmem.memory.committed", HakmemStats.MAPPED_BYTES, BaseUnits.BYTES,
                "Bytes mapped readable and writable for the allocator: charged to the process, resident once touched");
        gauge(registry, "hakmem.memory.reserved", HakmemStats.RESERVED_BYTES, BaseUnits.BYTES,
                "Address space reserved for the pools and not committed");
        gauge(registry, "hakmem.process.resident", HakmemStats.RESIDENT_BYTES, BaseUnits.BYTES,
                "Resident set size of the whole process");
        gauge(registry, "hakmem.blocks.pinned", "pinned-blocks", null,
                "Blocks handed out by address (Arrow, Netty) and not yet freed; they outlive the allocator's close");
        counter(registry, "hakmem.allocations", HakmemStats.ALLOCATIONS, Tags.empty(), null, "Blocks handed out");
        counter(registry, "hakmem.frees", HakmemStats.FREES, Tags.empty(), null, "Blocks freed");
        for (String call : OS_CALLS) {
            counter(registry, "hakmem.os.calls", "os." + call, Tags.of("call", call), null,
                    "Calls to the operating system");
        }
        counter(registry, "hakmem.process.faults", HakmemStats.MINOR_FAULTS, Tags.of("kind", "minor"), null,
                "Page faults of the whole process");
        counter(registry, "hakmem.process.faults", HakmemStats.MAJOR_FAULTS, Tags.of("kind", "major"), null,
                "Page faults of the whole process");
        Map<String, Long> counters = snapshot.counters();
        for (String tier : TIERS) {
            if (counters.containsKey(tier + ".hits")) {
                counter(registry, "hakmem.tier.hits", tier + ".hits", Tags.of("tier", tier), null,
                        "Requests the tier served");
                counter(registry, "hakmem.tier.misses", tier + ".misses", Tags.of("tier", tier), null,
                        "Requests the tier could not serve");
            }
        }
        for (String site : sites(counters)) {
            bindSite(registry, site);
        }
    }

    /** A snapshot showed sites: those new to this binder get their meters in every registry it is bound to. */
    private void bindNewSites(Map<String, Long> counters) {
        for (String site : sites(counters)) {
            if (sitesBound.add(site)) {
                registries.forEach(registry -> bindSite(registry, site));
            }
        }
    }

    private void bindSite(MeterRegistry registry, String site) {
        sitesBound.add(site);
        Tags siteTag = Tags.of("site", site);
        counter(registry, "hakmem.site.allocations", SITE_PREFIX + site + SITE_ALLOCATIONS, siteTag, null,
                "Blocks requested through the site");
        counter(registry, "hakmem.site.requested", SITE_PREFIX + site + SITE_BYTES, siteTag, BaseUnits.BYTES,
                "Bytes requested through the site");
    }

    /** Site names, from the {@code site.NAME.allocations} counters. */
    private static List<String> sites(Map<String, Long> counters) {
        return counters.keySet().stream()
                .filter(name -> name.startsWith(SITE_PREFIX) && name.endsWith(SITE_ALLOCATIONS))
                .map(name -> name.substring(SITE_PREFIX.length(), name.length() - SITE_ALLOCATIONS.length()))
                .toList();
    }

    /** Holds the snapshot strongly: the counters reference it weakly, as Micrometer's function counters do. */
    private void gauge(MeterRegistry registry, String name, String counter, String unit, String description) {
        Gauge.builder(name, snapshot, s -> s.value(counter)).tags(tags).baseUnit(unit).description(description)
                .strongReference(true).register(registry);
    }

    private void counter(MeterRegistry registry, String name, String counter, Tags extra, String unit,
                         String description) {
        FunctionCounter.builder(name, snapshot, s -> s.value(counter)).tags(tags.and(extra)).baseUnit(unit)
                .description(description).register(registry);
    }
}
