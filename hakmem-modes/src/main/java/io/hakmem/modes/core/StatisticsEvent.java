package io.hakmem.modes.core;

import io.hakmem.HakmemStats;
import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Every open allocator's counters, once a second while a recording enables it (JFR's periodic events: the
 * snapshot is taken on the recorder's thread, never on an allocating one).
 */
@Name("io.hakmem.Statistics")
@Label("hakmem Statistics")
@Category("hakmem")
@Description("The counters of an open hakmem allocator")
@Period("1 s")
@StackTrace(false)
final class StatisticsEvent extends Event {
    /**
     * The allocators the periodic hook reports; added at create, removed at close. Weakly: an allocator dropped
     * without close stays collectable (and its idle release ends with it).
     */
    private static final Set<CoreAllocator> OPEN = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    static {
        FlightRecorder.addPeriodicEvent(StatisticsEvent.class, StatisticsEvent::emitAll);
    }

    @Label("Mode")
    String mode;

    @Label("Allocations")
    long allocations;

    @Label("Frees")
    long frees;

    @Label("Live Bytes")
    @DataAmount
    long liveBytes;

    @Label("Mapped Bytes")
    @DataAmount
    long mappedBytes;

    @Label("Reserved Bytes")
    @Description("Address space reserved for the pools and not committed")
    @DataAmount
    long reservedBytes;

    @Label("Held Bytes")
    @Description("What counts against hakmem.max-bytes (0 without a limit)")
    @DataAmount
    long heldBytes;

    @Label("Resident Bytes")
    @DataAmount
    long residentBytes;

    @Label("mmap Calls")
    long mmapCalls;

    @Label("munmap Calls")
    long munmapCalls;

    @Label("madvise Calls")
    long madviseCalls;

    @Label("Counters")
    @Description("Every counter, name=value separated by spaces")
    String counters;

    static void opened(CoreAllocator allocator) {
        OPEN.add(allocator);
    }

    static void closed(CoreAllocator allocator) {
        OPEN.remove(allocator);
    }

    private static void emitAll() {
        List<CoreAllocator> open;
        synchronized (OPEN) { // a synchronized set is iterated under its lock; reported outside it
            open = List.copyOf(OPEN);
        }
        for (CoreAllocator allocator : open) {
            HakmemStats stats;
            try {
                stats = allocator.stats();
            } catch (IllegalStateException closing) {
                continue;
            }
            StatisticsEvent event = new StatisticsEvent();
            event.mode = allocator.mode().configName();
            event.allocations = stats.allocations();
            event.frees = stats.frees();
            event.liveBytes = stats.liveBytes();
            event.mappedBytes = stats.mappedBytes();
            event.reservedBytes = stats.reservedBytes();
            event.heldBytes = stats.get(HakmemStats.HELD_BYTES);
            event.residentBytes = stats.residentBytes();
            event.mmapCalls = stats.get(HakmemStats.MMAP_CALLS);
            event.munmapCalls = stats.get(HakmemStats.MUNMAP_CALLS);
            event.madviseCalls = stats.get(HakmemStats.MADVISE_CALLS);
            StringBuilder all = new StringBuilder();
            stats.counters().forEach((name, value) -> all.append(name).append('=').append(value).append(' '));
            event.counters = all.toString().trim();
            event.commit();
        }
    }
}
