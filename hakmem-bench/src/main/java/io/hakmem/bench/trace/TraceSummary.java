package io.hakmem.bench.trace;

import io.hakmem.modes.trace.TraceEnd;
import io.hakmem.modes.trace.TraceFormatException;
import io.hakmem.modes.trace.TraceHeader;
import io.hakmem.modes.trace.TraceReader;
import io.hakmem.modes.trace.TraceVisitor;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a trace holds, for {@code ./hakmem trace-info} and the head of a replay: events, threads, sites with a size
 * histogram each (powers of two), cross-thread frees, and the live bytes over time in millisecond steps.
 */
public final class TraceSummary implements TraceVisitor {
    /** Live bytes are summed per step of this many nanoseconds at first (the recorder's clock moves about as often). */
    static final long STEP_NANOS = 1_000_000;
    /** A longer recording doubles the step until it fits: about 17 minutes at 1 ms, any length in 8 MiB. */
    static final int MAX_STEPS = 1 << 20;

    private TraceHeader header;
    private TraceEnd end;
    private final Map<Integer, Counts> threads = new LinkedHashMap<>();
    private final Map<Integer, Counts> sites = new TreeMap<>();
    private long allocations;
    private long frees;
    private long crossThreadFrees;
    private long bytes;
    private long[] sizes = new long[1024];
    private int[] allocatedBy = new int[1024];
    /** Frees seen before their allocation (another thread's, later in the file): block -> time. */
    private final Map<Integer, Long> early = new HashMap<>();
    private final Map<Integer, Integer> earlyThread = new HashMap<>();
    /** Change of the live bytes in each step. */
    private long[] liveDelta = new long[1024];
    private long stepNanos = STEP_NANOS;

    /** A thread's or a site's counts; a site's sizes by power of two (bucket b: sizes up to 2^b). */
    public static final class Counts {
        public final String name;
        public long allocations;
        public long frees;
        public long bytes;
        public final long[] sizes = new long[64];

        Counts(String name) {
            this.name = name;
        }
    }

    /**
     * Reads and checks all of {@code trace}.
     *
     * @throws TraceFormatException when it is not a whole, intact trace
     */
    public static TraceSummary read(Path trace) throws IOException, TraceFormatException {
        TraceSummary summary = new TraceSummary();
        TraceReader.read(trace, summary);
        return summary;
    }

    @Override
    public void header(TraceHeader header) {
        this.header = header;
    }

    @Override
    public void thread(int thread, String name) {
        threads.put(thread, new Counts(name));
    }

    @Override
    public void site(int site, String name) {
        sites.put(site, new Counts(name));
    }

    @Override
    public void allocate(int thread, int block, int site, long size, long alignment, boolean byAddress, long time) {
        if (block >= sizes.length) {
            sizes = Arrays.copyOf(sizes, Math.max(block + 1, sizes.length * 2));
            allocatedBy = Arrays.copyOf(allocatedBy, sizes.length);
        }
        sizes[block] = size;
        allocatedBy[block] = thread;
        allocations++;
        bytes += size;
        threads.get(thread).allocations++;
        Counts counts = sites.get(site);
        counts.allocations++;
        counts.bytes += size;
        counts.sizes[64 - Long.numberOfLeadingZeros(Math.max(1, size) - 1)]++;
        live(time, size);
        Long freedAt = early.remove(block);
        if (freedAt != null) {
            live(freedAt, -size);
            if (earlyThread.remove(block) != thread) {
                crossThreadFrees++;
            }
        }
    }

    @Override
    public void free(int thread, int block, long time) {
        frees++;
        threads.get(thread).frees++;
        if (block < allocatedBy.length && allocatedBy[block] != 0) { // thread ids start at 1
            live(time, -sizes[block]);
            if (allocatedBy[block] != thread) {
                crossThreadFrees++;
            }
        } else {
            early.put(block, time);
            earlyThread.put(block, thread);
        }
    }

    @Override
    public void end(TraceEnd end) {
        this.end = end;
    }

    private void live(long time, long change) {
        while (time / stepNanos >= MAX_STEPS) {
            coarsen();
        }
        int step = (int) (time / stepNanos);
        if (step >= liveDelta.length) {
            liveDelta = Arrays.copyOf(liveDelta, Math.min(MAX_STEPS, Math.max(step + 1, liveDelta.length * 2)));
        }
        liveDelta[step] += change;
    }

    /** Doubles the step, merging each pair of steps, so that a recording of any length fits {@link #MAX_STEPS}. */
    private void coarsen() {
        long[] merged = new long[liveDelta.length];
        for (int i = 0; i < liveDelta.length; i++) {
            merged[i / 2] += liveDelta[i];
        }
        liveDelta = merged;
        stepNanos *= 2;
    }

    /** The length of a step of {@link #liveBytes()}: 1 ms, or longer for a long recording. */
    public long stepNanos() {
        return stepNanos;
    }

    public TraceHeader header() {
        return header;
    }

    public TraceEnd end() {
        return end;
    }

    public long allocations() {
        return allocations;
    }

    public long frees() {
        return frees;
    }

    public Map<Integer, Counts> threads() {
        return threads;
    }

    public Map<Integer, Counts> sites() {
        return sites;
    }

    /** Live bytes at the end of each step, from the start to the end of the recording. */
    public long[] liveBytes() {
        int steps = (int) Math.min(liveDelta.length, end.durationNanos() / stepNanos + 1);
        long[] live = new long[Math.max(steps, 1)];
        long sum = 0;
        for (int i = 0; i < liveDelta.length; i++) {
            sum += liveDelta[i];
            live[Math.min(i, live.length - 1)] = sum;
        }
        return live;
    }

    /** One paragraph: where it was recorded, and what it holds. */
    public String describe() {
        return String.format(Locale.ROOT, "recorded %s for %.2f s under %s (pid %d, sample %s)%n"
                        + "on %s%n"
                        + "%,d events: %,d allocations, %,d frees (%,d by another thread than the allocating one), "
                        + "%,d dropped; %d threads, %d sites, %s allocated in all",
                Instant.ofEpochMilli(header.startMillis()), end.durationNanos() / 1e9, header.preset(), header.pid(),
                header.sample(), header.jvm(), allocations + frees, allocations, frees, crossThreadFrees,
                end.dropped(), threads.size(), sites.size(), bytes(bytes));
    }

    static String bytes(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
        }
        if (bytes >= 1L << 10) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return bytes + " B";
    }
}
