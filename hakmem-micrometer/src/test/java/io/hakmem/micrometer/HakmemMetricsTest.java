package io.hakmem.micrometer;

import io.hakmem.Hakmem;
import io.hakmem.HakmemStats;
import io.hakmem.Mode;
import io.hakmem.Site;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An allocator bound to a {@link SimpleMeterRegistry} and to a Prometheus registry, allocating from two sites: one
 * made before binding, one after.
 */
class HakmemMetricsTest {
    private static final Tags TAGS = Tags.of("allocator", "test");

    private Hakmem hakmem;
    private SimpleMeterRegistry simple;
    private PrometheusMeterRegistry prometheus;

    @BeforeEach
    void open() {
        hakmem = Hakmem.create(Mode.BALANCED);
        simple = new SimpleMeterRegistry();
        prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    @AfterEach
    void close() {
        hakmem.close();
    }

    /** Binds with snapshots that never serve twice, then allocates 3 x 100 B at ingest and 5,000 B at render. */
    private void bindAndAllocate() {
        Site ingest = hakmem.site("ingest");
        HakmemMetrics metrics = new HakmemMetrics(hakmem, TAGS, Duration.ZERO);
        metrics.bindTo(simple);
        metrics.bindTo(prometheus);
        Site render = hakmem.site("render"); // after binding: its meters come with the next snapshot
        for (int i = 0; i < 3; i++) {
            ingest.allocateAddress(100, 16);
        }
        render.allocate(5000);
        gauge(simple, "hakmem.memory.live"); // a read takes a snapshot, which shows render
    }

    private static double gauge(MeterRegistry registry, String name) {
        return registry.get(name).tags(TAGS).tag("mode", "balanced").gauge().value();
    }

    private static double counter(MeterRegistry registry, String name, String tag, String value) {
        return registry.get(name).tags(TAGS).tag("mode", "balanced").tag(tag, value).functionCounter().count();
    }

    @Test
    void theRegistryHasTheAllocatorsCountersPerSiteAndTier() {
        bindAndAllocate();
        assertEquals(3, counter(simple, "hakmem.site.allocations", "site", "ingest"));
        assertEquals(300, counter(simple, "hakmem.site.requested", "site", "ingest"));
        assertEquals(1, counter(simple, "hakmem.site.allocations", "site", "render"));
        assertEquals(5000, counter(simple, "hakmem.site.requested", "site", "render"));
        assertEquals(5300, gauge(simple, "hakmem.memory.live"));
        assertEquals(3, gauge(simple, "hakmem.blocks.pinned"), "the three blocks by address; a segment is not pinned");
        assertEquals(4, simple.get("hakmem.allocations").functionCounter().count());
        assertEquals(3, counter(simple, "hakmem.tier.hits", "tier", "tinypool"));
        assertEquals(1, counter(simple, "hakmem.tier.hits", "tier", "midpool"));
        assertEquals(0, counter(simple, "hakmem.tier.hits", "tier", "bigcache"));
        HakmemStats stats = hakmem.stats();
        assertEquals(stats.mappedBytes(), gauge(simple, "hakmem.memory.committed"));
        assertEquals(stats.reservedBytes(), gauge(simple, "hakmem.memory.reserved"));
        assertTrue(gauge(simple, "hakmem.process.resident") > 0);
        assertTrue(counter(simple, "hakmem.os.calls", "call", "mmap") > 0);
        assertTrue(counter(simple, "hakmem.process.faults", "kind", "minor") > 0);
        for (Meter meter : simple.getMeters()) {
            assertEquals("balanced", meter.getId().getTag("mode"), meter.getId()::toString);
        }
    }

    @Test
    void thePrometheusScrapeHasTheMetersAndValues() {
        bindAndAllocate();
        String scrape = prometheus.scrape();
        String labels = "allocator=\"test\",mode=\"balanced\"";
        assertScrapeHas(scrape, "hakmem_site_allocations_total{" + labels + ",site=\"ingest\"} 3.0");
        assertScrapeHas(scrape, "hakmem_site_requested_bytes_total{" + labels + ",site=\"ingest\"} 300.0");
        assertScrapeHas(scrape, "hakmem_site_allocations_total{" + labels + ",site=\"render\"} 1.0");
        assertScrapeHas(scrape, "hakmem_site_requested_bytes_total{" + labels + ",site=\"render\"} 5000.0");
        assertScrapeHas(scrape, "hakmem_memory_live_bytes{" + labels + "} 5300.0");
        assertScrapeHas(scrape, "hakmem_allocations_total{" + labels + "} 4.0");
        assertScrapeHas(scrape, "hakmem_tier_hits_total{" + labels + ",tier=\"tinypool\"} 3.0");
        assertScrapeHas(scrape, "hakmem_tier_hits_total{" + labels + ",tier=\"midpool\"} 1.0");
        assertScrapeHas(scrape, "hakmem_blocks_pinned{" + labels + "} 3.0");
        assertScrapeHas(scrape, "hakmem_memory_committed_bytes{" + labels + "} ");
        assertScrapeHas(scrape, "hakmem_process_resident_bytes{" + labels + "} ");
        // Prometheus sorts the labels by name
        assertScrapeHas(scrape, "hakmem_os_calls_total{allocator=\"test\",call=\"mmap\",mode=\"balanced\"} ");
        assertScrapeHas(scrape, "hakmem_process_faults_total{allocator=\"test\",kind=\"major\",mode=\"balanced\"} ");
    }

    private static void assertScrapeHas(String scrape, String line) {
        assertTrue(scrape.lines().anyMatch(text -> text.startsWith(line)), () -> line + " in\n" + scrape);
    }

    @Test
    void aClosedAllocatorsMetersReadNaNAndNeverThrow() {
        bindAndAllocate();
        hakmem.close();
        assertTrue(Double.isNaN(gauge(simple, "hakmem.memory.live")));
        assertTrue(Double.isNaN(gauge(simple, "hakmem.blocks.pinned")));
        assertTrue(Double.isNaN(counter(simple, "hakmem.site.allocations", "site", "ingest")));
        assertTrue(Double.isNaN(counter(simple, "hakmem.tier.hits", "tier", "tinypool")));
        String scrape = prometheus.scrape();
        assertScrapeHas(scrape, "hakmem_memory_live_bytes{allocator=\"test\",mode=\"balanced\"} NaN");
    }

    @Test
    void allocationsCostTheMetersNothingAndOneSnapshotServesAScrape() {
        CountingHakmem counting = new CountingHakmem(hakmem);
        new HakmemMetrics(counting, TAGS, Duration.ofHours(1)).bindTo(prometheus);
        assertEquals(1, counting.statsCalls.get(), "binding reads the counters once, for the tiers and sites");
        Site ingest = counting.site("ingest");
        for (int i = 0; i < 1000; i++) {
            counting.freeAddress(ingest.allocateAddress(64, 16), 64);
        }
        prometheus.scrape();
        prometheus.scrape();
        assertTrue(prometheus.getMeters().size() > 20, "every meter was read");
        assertEquals(1, counting.statsCalls.get(), "the snapshot serves every meter while it is young");
    }

    @Test
    void aPresetWithoutTiersHasNoTierMetersAndItsOwnModeTag() {
        try (Hakmem minimal = Hakmem.create(Mode.MINIMAL)) {
            new HakmemMetrics(minimal).bindTo(simple);
            assertTrue(simple.find("hakmem.tier.hits").meters().isEmpty(), "MINIMAL has no tinypool, midpool, bigcache");
            assertEquals(0, simple.get("hakmem.allocations").tag("mode", "minimal").functionCounter().count());
        }
    }
}
