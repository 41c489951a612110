package io.hakmem.modes.core;

import io.hakmem.spi.CounterSink;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * Leak detection on (after Netty's): {@code sampled} watches one block in {@code sample-every}, {@code paranoid}
 * every block and the stack it was allocated from. A watched block is reported when its segment becomes
 * unreachable while the block is live (nobody can free it any more), and when the allocator closes with it
 * still live (a block handed out by address has no segment: only the latter). Reports go to the {@code io.hakmem} logger (WARNING) and to JFR ({@code io.hakmem.Leak}).
 */
final class TrackingLeakDetection implements LeakDetection {
    private static final System.Logger LOG = System.getLogger("io.hakmem");
    private static final Cleaner CLEANER = Cleaner.create();
    /** Stack traces printed per site at close; the rest are counted. */
    private static final int TRACES_PER_SITE = 5;

    private final boolean paranoid;
    private final int sampleEvery;
    private final IntFunction<String> siteNames;
    private final ConcurrentHashMap<Long, Watched> watched = new ConcurrentHashMap<>();
    /** The watch {@link #freeing} took off, until the free is confirmed or refused; a thread frees one block at a time. */
    private final ThreadLocal<Watched> beingFreed = new ThreadLocal<>();
    private final LongAdder unreachable = new LongAdder();
    private final LongAdder liveAtClose = new LongAdder();
    private final LongAdder arenas = new LongAdder();

    TrackingLeakDetection(boolean paranoid, int sampleEvery, IntFunction<String> siteNames) {
        this.paranoid = paranoid;
        this.sampleEvery = sampleEvery;
        this.siteNames = siteNames;
    }

    @Override
    public void allocated(MemorySegment segment, long alignment, int site) {
        if (!paranoid && ThreadLocalRandom.current().nextInt(sampleEvery) != 0) {
            return;
        }
        long address = segment.address();
        Watched block = new Watched(address, segment.byteSize(), site,
                paranoid ? new Throwable("allocated here") : null);
        watched.put(address, block);
        block.cleanable = CLEANER.register(segment, block);
    }

    /** No segment to become unreachable: such a block is reported only if it is still live at close. */
    @Override
    public void allocatedAddress(long address, long bytes, long alignment, int site) {
        if (paranoid || ThreadLocalRandom.current().nextInt(sampleEvery) == 0) {
            watched.put(address, new Watched(address, bytes, site, paranoid ? new Throwable("allocated here") : null));
        }
    }

    /**
     * The watch comes off before the free: once the block is freed, another thread may be handed the same address
     * and watch it, and a removal by address after the free would take that new watch off instead.
     */
    @Override
    public long freeing(long address) {
        Watched block = watched.remove(address);
        if (block != null) {
            beingFreed.set(block);
        }
        return 0;
    }

    @Override
    public void freed(long address, long token) {
        Watched block = beingFreed.get();
        if (block != null) {
            beingFreed.remove();
            assert block.address == address : block.address + " " + address;
            block.freed = true;
            if (block.cleanable != null) {
                block.cleanable.clean();
            }
        }
    }

    /** The free was refused, so the block is still live: its watch goes back. */
    @Override
    public void notFreed(long address, long token) {
        Watched block = beingFreed.get();
        if (block != null) {
            beingFreed.remove();
            watched.putIfAbsent(address, block);
        }
    }

    /**
     * Segments still live at close are leaks: the allocator gives their memory back now. Blocks handed out by address
     * keep theirs until freed (an integration may free them after close): they are reported apart, as pinned, and
     * stay watched.
     */
    @Override
    public void reportLiveAtClose() {
        Map<String, List<Watched>> leakedBySite = new TreeMap<>();
        Map<String, List<Watched>> pinnedBySite = new TreeMap<>();
        for (Watched block : watched.values()) {
            if (block.cleanable == null) {
                pinnedBySite.computeIfAbsent(siteNames.apply(block.site), name -> new ArrayList<>()).add(block);
            } else {
                block.freed = true; // the allocator gives it back now; its segment dies with the scope
                watched.remove(block.address, block);
                leakedBySite.computeIfAbsent(siteNames.apply(block.site), name -> new ArrayList<>()).add(block);
            }
        }
        leakedBySite.forEach((site, blocks) -> report(site, blocks, "live-at-close", "were still live at close()"));
        pinnedBySite.forEach((site, blocks) -> report(site, blocks, "pinned-at-close",
                "handed out by address, were still live at close(): their memory stays until they are freed"));
    }

    private void report(String site, List<Watched> blocks, String kind, String what) {
        long bytes = blocks.stream().mapToLong(block -> block.bytes).sum();
        liveAtClose.add(blocks.size());
        StringBuilder message = new StringBuilder("hakmem leak: ").append(blocks.size())
                .append(paranoid ? "" : " sampled").append(" block(s), ").append(bytes)
                .append(" bytes, allocated at site '").append(site).append("', ").append(what);
        for (int i = 0; i < Math.min(TRACES_PER_SITE, blocks.size()) && paranoid; i++) {
            message.append('\n').append(trace(blocks.get(i).allocatedAt));
        }
        LOG.log(System.Logger.Level.WARNING, message.toString());
        LeakEvent.emit(site, kind, blocks.size(), bytes, paranoid ? trace(blocks.getFirst().allocatedAt) : null);
    }

    /** The arena's scope, once unreachable, means no segment of it is left: report and free its blocks. */
    @Override
    public void watch(HakmemArena arena) {
        HakmemArena.Blocks blocks = arena.blocks();
        Throwable createdAt = paranoid ? new Throwable("arena created here") : null;
        CLEANER.register(arena.session(), () -> {
            if (blocks.count() == 0) {
                return;
            }
            arenas.increment();
            long count = blocks.count();
            long bytes = blocks.bytes();
            LOG.log(System.Logger.Level.WARNING, "hakmem leak: an arena became unreachable without close() with "
                    + count + " block(s), " + bytes + " bytes; they are freed now"
                    + (createdAt == null ? "" : "\n" + trace(createdAt)));
            LeakEvent.emit("arena", "arena-unreachable", count, bytes, createdAt == null ? null : trace(createdAt));
            blocks.freeAll();
        });
    }

    @Override
    public void report(CounterSink sink) {
        sink.counter("leaks.watched", watched.size());
        sink.counter("leaks.unreachable", unreachable.sum());
        sink.counter("leaks.live-at-close", liveAtClose.sum());
        sink.counter("leaks.arenas", arenas.sum());
    }

    private static String trace(Throwable allocatedAt) {
        StringWriter text = new StringWriter();
        allocatedAt.printStackTrace(new PrintWriter(text));
        return text.toString().trim();
    }

    /** A watched block; run by the cleaner when its segment becomes unreachable. */
    private final class Watched implements Runnable {
        final long address;
        final long bytes;
        final int site;
        final Throwable allocatedAt;
        Cleaner.Cleanable cleanable;
        volatile boolean freed;

        Watched(long address, long bytes, int site, Throwable allocatedAt) {
            this.address = address;
            this.bytes = bytes;
            this.site = site;
            this.allocatedAt = allocatedAt;
        }

        @Override
        public void run() {
            if (freed || !watched.remove(address, this)) {
                return;
            }
            unreachable.increment();
            String name = siteNames.apply(site);
            LOG.log(System.Logger.Level.WARNING, "hakmem leak: a block of " + bytes + " bytes allocated at site '"
                    + name + "' was never freed and its segment is unreachable"
                    + (allocatedAt == null ? " (set hakmem.leak-detection.level = paranoid to see where)"
                    : "\n" + trace(allocatedAt)));
            LeakEvent.emit(name, "unreachable", 1, bytes, allocatedAt == null ? null : trace(allocatedAt));
        }
    }
}
