package io.hakmem.modes.core;

import io.hakmem.spi.Advice;
import io.hakmem.spi.CounterSink;
import io.hakmem.spi.OsMemory;

import java.util.concurrent.atomic.LongAdder;

/**
 * How a fresh mapping meets transparent huge pages ({@code hakmem.thp}); chosen once, at compose, so the
 * mapping path tests no flag. Only mmap misses come here (cache and batch hits keep their mapping).
 *
 * <table>
 *   <caption>hakmem.thp</caption>
 *   <tr><th>setting</th><th>what a new large block gets</th></tr>
 *   <tr><td>off</td><td>a plain mapping; when the system's mode is {@code always} (which would give huge pages
 *       unasked), blocks of a huge page or more are advised MADV_NOHUGEPAGE; under {@code madvise} or
 *       {@code never} nothing is needed</td></tr>
 *   <tr><td>auto</td><td>blocks of a huge page (2 MiB) or more: mapped huge-page aligned and advised
 *       MADV_HUGEPAGE; smaller ones: a plain mapping</td></tr>
 *   <tr><td>on</td><td>every large block mapped huge-page aligned and advised MADV_HUGEPAGE</td></tr>
 * </table>
 *
 * Counters: {@code thp.advised-bytes} (MADV_HUGEPAGE accepted), {@code thp.nohugepage-bytes},
 * {@code thp.refused} (the kernel refused or failed the advice, e.g. THP not built in).
 */
abstract sealed class ThpPolicy {
    protected final OsMemory os;
    protected final long pageSize;
    private final LongAdder advisedBytes = new LongAdder();
    private final LongAdder noHugeBytes = new LongAdder();
    private final LongAdder refused = new LongAdder();

    private ThpPolicy(OsMemory os) {
        this.os = os;
        this.pageSize = os.pageSize();
    }

    static ThpPolicy of(String setting, SystemThp system, OsMemory os) {
        return switch (setting) {
            case "auto" -> new Huge(os, system.hugePageBytes(), system.hugePageBytes());
            case "on" -> new Huge(os, system.hugePageBytes(), 0);
            default -> system.always() ? new NoHuge(os, system.hugePageBytes()) : new Plain(os);
        };
    }

    /** A new mapping of {@code capacity} bytes aligned to {@code alignment}. */
    abstract long map(long capacity, long alignment);

    final long mapPlain(long capacity, long alignment) {
        return alignment <= pageSize ? os.map(capacity) : os.mapAligned(capacity, alignment);
    }

    /** A hint: when the kernel refuses it (or fails it), the block is still good, so that only counts. */
    final void advise(long address, long capacity, Advice advice) {
        boolean accepted;
        try {
            accepted = os.advise(address, capacity, advice);
        } catch (RuntimeException e) {
            accepted = false;
        }
        if (!accepted) {
            refused.increment();
        } else if (advice == Advice.HUGEPAGE) {
            advisedBytes.add(capacity);
        } else {
            noHugeBytes.add(capacity);
        }
    }

    void report(CounterSink sink) {
        sink.counter("thp.advised-bytes", advisedBytes.sum());
        sink.counter("thp.nohugepage-bytes", noHugeBytes.sum());
        sink.counter("thp.refused", refused.sum());
    }

    /** off where the system gives no huge pages unasked: nothing to do. */
    static final class Plain extends ThpPolicy {
        Plain(OsMemory os) {
            super(os);
        }

        @Override
        long map(long capacity, long alignment) {
            return mapPlain(capacity, alignment);
        }
    }

    /** off under THP {@code always}: blocks that could get a huge page are told not to. */
    static final class NoHuge extends ThpPolicy {
        private final long hugePage;

        NoHuge(OsMemory os, long hugePage) {
            super(os);
            this.hugePage = hugePage;
        }

        @Override
        long map(long capacity, long alignment) {
            long address = mapPlain(capacity, alignment);
            if (capacity >= hugePage) {
                advise(address, capacity, Advice.NOHUGEPAGE);
            }
            return address;
        }
    }

    /** auto (from one huge page up) and on (every large block): aligned so that huge pages fit, and advised. */
    static final class Huge extends ThpPolicy {
        private final long hugePage;
        private final long fromBytes;

        Huge(OsMemory os, long hugePage, long fromBytes) {
            super(os);
            this.hugePage = hugePage;
            this.fromBytes = fromBytes;
        }

        @Override
        long map(long capacity, long alignment) {
            if (capacity < fromBytes) {
                return mapPlain(capacity, alignment);
            }
            long address = os.mapAligned(capacity, Math.max(alignment, hugePage));
            advise(address, capacity, Advice.HUGEPAGE);
            return address;
        }
    }
}
