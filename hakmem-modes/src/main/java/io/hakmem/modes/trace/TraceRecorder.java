package io.hakmem.modes.trace;

import io.hakmem.spi.CounterSink;
import io.hakmem.spi.Settings;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records an allocator's allocations and frees into a trace ({@code hakmem.trace.out}; the bytes are
 * {@link TraceLayout}'s), for {@code ./hakmem replay} and {@code ./hakmem trace-info}.
 *
 * <p>Called by the allocating and freeing threads themselves: after an allocation, and around a free. No lock and
 * no Java allocation per event: each thread encodes its events into segments of its own ({@link ThreadEvents}),
 * one background thread writes them ({@link TraceWriter}), and when every segment waits for the disk an event is
 * dropped and counted rather than waited for. A free knows only its address, so the id of every live recorded
 * block is kept by address ({@link LiveBlocks}); the blocks of a site that sampling leaves out are not there, and
 * neither their allocations nor their frees are recorded.
 */
public final class TraceRecorder {
    private static final System.Logger LOG = System.getLogger("io.hakmem");
    /** What {@link LiveBlocks} keeps for a block whose allocation was dropped: its free is dropped as well. */
    private static final long DROPPED = -1;
    /** The files being recorded by this JVM: a second allocator recording to the same file gets a sibling. */
    private static final Set<Path> RECORDING = ConcurrentHashMap.newKeySet();

    private final Path path;
    private final double sample;
    private final SegmentPool pool;
    private final TraceWriter writer;
    private final LiveBlocks live = new LiveBlocks();
    private final AtomicLong blockIds = new AtomicLong(1);
    private final ThreadLocal<ThreadEvents> threads = ThreadLocal.withInitial(this::arrive);
    /** By site id: recorded or not. Written under the recorder's lock, published by writing the field again. */
    private volatile boolean[] sampled = new boolean[0];
    private final Thread atExit;
    private final AtomicBoolean finished = new AtomicBoolean();

    private TraceRecorder(Path path, TraceSettings settings, FileChannel channel) throws IOException {
        this.path = path;
        this.sample = settings.sample();
        this.pool = new SegmentPool(settings.buffer());
        long startNanos = System.nanoTime();
        FrameOutput out = new FrameOutput(channel);
        out.frame(TraceLayout.HEADER, new PayloadBuilder()
                .varint(System.currentTimeMillis())
                .string(settings.preset())
                .string(System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                        + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                        + Runtime.getRuntime().availableProcessors() + " CPUs")
                .string(Double.toString(sample))
                .varint(settings.buffer())
                .varint(ProcessHandle.current().pid()));
        this.writer = new TraceWriter(path.toString(), out, startNanos);
        this.atExit = new Thread(this::close, "hakmem-trace-exit");
    }

    /**
     * Starts recording into {@code settings.out()}, or into a numbered sibling of it while another allocator of
     * this JVM records there.
     *
     * @throws io.hakmem.ConfigurationException when the file cannot be written
     */
    public static TraceRecorder open(TraceSettings settings) {
        Path path = claim(settings.out());
        FileChannel channel = null;
        TraceRecorder recorder = null;
        try {
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            recorder = new TraceRecorder(path, settings, channel);
            recorder.writer.start();
            Runtime.getRuntime().addShutdownHook(recorder.atExit); // an allocator never closed still ends its trace
            TraceEvent.emit("start", path.toString(), 0, 0, 0);
            return recorder;
        } catch (IOException e) {
            abandon(path, channel, recorder, e);
            throw Settings.bad("trace.out", settings.out().toString(), "a file hakmem can write (" + e + ")");
        } catch (RuntimeException | Error e) { // a writer thread that cannot start, a JVM already exiting
            abandon(path, channel, recorder, e);
            throw e;
        }
    }

    /** A recording that failed to start leaves no file open, no writer running and its path free for the next. */
    private static void abandon(Path path, FileChannel channel, TraceRecorder recorder, Throwable failure) {
        if (recorder != null && recorder.writer.thread().isAlive()) {
            recorder.close(); // stops the writer, which closes the file
            return;
        }
        RECORDING.remove(path);
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException closing) {
                failure.addSuppressed(closing);
            }
        }
    }

    private static Path claim(Path wanted) {
        Path path = wanted;
        for (int n = 2; !RECORDING.add(path); n++) {
            String name = wanted.getFileName().toString();
            int dot = name.lastIndexOf('.');
            path = wanted.resolveSibling(dot > 0 ? name.substring(0, dot) + "-" + n + name.substring(dot)
                    : name + "-" + n);
        }
        if (!path.equals(wanted)) {
            LOG.log(System.Logger.Level.WARNING, "hakmem.trace.out: another allocator of this JVM records into "
                    + wanted + "; this one records into " + path);
        }
        return path;
    }

    private ThreadEvents arrive() {
        ThreadEvents events = new ThreadEvents(Thread.currentThread(), pool, writer.thread());
        writer.arrive(events);
        return events;
    }

    public Path path() {
        return path;
    }

    /** Site {@code id} is called {@code name}; before any allocation at it. */
    public synchronized void siteNamed(int id, String name) {
        boolean kept = SiteSampling.keeps(name, sample);
        if (kept) {
            writer.site(id, name);
        }
        boolean[] current = sampled;
        if (id >= current.length) {
            current = Arrays.copyOf(current, Math.max(id + 1, 2 * current.length));
        }
        current[id] = kept;
        sampled = current; // the volatile write publishes the element too
    }

    /** The block at {@code address} was handed out; by the thread it was handed to. */
    public void allocated(long address, long bytes, long alignment, int site, boolean byAddress) {
        boolean[] kept = sampled;
        if (site >= kept.length || !kept[site]) {
            return;
        }
        ThreadEvents events = threads.get();
        long id = events.nextBlockId(blockIds);
        boolean recorded = events.allocate(site, bytes, Long.numberOfTrailingZeros(alignment), id, byAddress,
                writer.now());
        live.put(address, recorded ? id : DROPPED);
    }

    /**
     * The block at {@code address} is about to be freed: once it is, its address may be handed out again. Returns
     * its id, for {@link #freed} or {@link #notFreed}; 0 when it is not recorded.
     */
    public long freeing(long address) {
        return live.remove(address);
    }

    /** The free of block {@code id}, announced by {@link #freeing}, happened. */
    public void freed(long id) {
        if (id == 0) {
            return;
        }
        ThreadEvents events = threads.get();
        if (id == DROPPED) {
            events.drop();
        } else {
            events.free(id, writer.now());
        }
    }

    /** The free announced by {@link #freeing} was refused: block {@code id} at {@code address} is still live. */
    public void notFreed(long address, long id) {
        if (id != 0) {
            live.put(address, id);
        }
    }

    public void report(CounterSink sink) {
        sink.counter("trace.events", writer.events());
        sink.counter("trace.dropped", writer.dropped());
        sink.counter("trace.bytes", writer.bytes());
    }

    /** Writes what is left and the end, and closes the file; once (by the allocator's close, or at exit). */
    public void close() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        if (Thread.currentThread() != atExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(atExit);
            } catch (IllegalStateException exiting) {
                // the hook runs or has run; finishing here instead is as good
            }
        }
        boolean complete = writer.finish();
        RECORDING.remove(path);
        long events = writer.events();
        long dropped = writer.dropped();
        TraceEvent.emit("end", path.toString(), events, dropped, writer.bytes());
        if (complete && dropped > 0) {
            LOG.log(System.Logger.Level.WARNING, "hakmem trace " + path + ": " + dropped + " of " + (events + dropped)
                    + " events were dropped (the writer could not keep up); raise hakmem.trace.buffer or lower "
                    + "hakmem.trace.sample");
        }
    }
}
