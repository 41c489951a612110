package io.hakmem.modes.core;

import io.hakmem.spi.CounterSink;
import io.hakmem.spi.ThresholdSelector;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Site names to dense ids; id 0 is the default site of plain {@code allocate}, named "default". */
final class SiteTable {
    static final String DEFAULT_NAME = "default";

    private final ConcurrentHashMap<String, CoreSite> byName = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final CoreAllocator allocator;
    private final ThresholdSelector selector;
    private final BlockObserver observer;

    SiteTable(CoreAllocator allocator, ThresholdSelector selector, BlockObserver observer) {
        this.allocator = allocator;
        this.selector = selector;
        this.observer = observer;
        selector.siteNamed(0, DEFAULT_NAME);
        observer.siteNamed(0, DEFAULT_NAME);
    }

    CoreSite get(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Site name must not be blank");
        }
        return byName.computeIfAbsent(name, this::newSite);
    }

    private CoreSite newSite(String name) {
        if (name.equals(DEFAULT_NAME)) {
            return new CoreSite(allocator, name, 0);
        }
        // an id only once it is below the limit: refusals taking ids would wrap them below 0 in the end, and a
        // negative site id would spill over a mapped block's recorded capacity
        int id = nextId.getAndUpdate(next -> Math.min(next + 1, BlockInfo.MAX_SITES));
        if (id >= BlockInfo.MAX_SITES) {
            throw new IllegalStateException("Too many sites: at most " + BlockInfo.MAX_SITES
                    + "; a site names a call site, not a request");
        }
        selector.siteNamed(id, name);
        observer.siteNamed(id, name);
        return new CoreSite(allocator, name, id);
    }

    /** The name of site {@code id}, off the hot path (leak reports). */
    String name(int id) {
        for (CoreSite site : byName.values()) {
            if (site.id() == id) {
                return site.name();
            }
        }
        return id == 0 ? DEFAULT_NAME : "#" + id;
    }

    void report(CounterSink sink) {
        byName.values().forEach(site -> site.report(sink));
    }
}
