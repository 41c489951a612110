package io.hakmem.modes.trace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A trace read whole into lists, for tests: the names, and every event with its thread, in file order. */
final class RecordedTrace implements TraceVisitor {
    record Event(boolean free, int thread, int block, int site, long size, long alignment, boolean byAddress,
                 long time) {
    }

    TraceHeader header;
    final Map<Integer, String> threads = new TreeMap<>();
    final Map<Integer, String> sites = new TreeMap<>();
    final List<Event> events = new ArrayList<>();
    long droppedRecorded;
    TraceEnd end;

    static RecordedTrace read(Path path) throws IOException, TraceFormatException {
        RecordedTrace trace = new RecordedTrace();
        TraceReader.read(path, trace);
        return trace;
    }

    @Override
    public void header(TraceHeader header) {
        this.header = header;
    }

    @Override
    public void thread(int thread, String name) {
        threads.put(thread, name);
    }

    @Override
    public void site(int site, String name) {
        sites.put(site, name);
    }

    @Override
    public void allocate(int thread, int block, int site, long size, long alignment, boolean byAddress, long time) {
        events.add(new Event(false, thread, block, site, size, alignment, byAddress, time));
    }

    @Override
    public void free(int thread, int block, long time) {
        events.add(new Event(true, thread, block, -1, 0, 0, false, time));
    }

    @Override
    public void dropped(int thread, long count, long time) {
        droppedRecorded += count;
    }

    @Override
    public void end(TraceEnd end) {
        this.end = end;
    }

    /** The thread called {@code name}. */
    int thread(String name) {
        return threads.entrySet().stream().filter(entry -> entry.getValue().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no thread " + name + " in " + threads)).getKey();
    }

    /** The events of thread {@code thread}, in its order. */
    List<Event> of(int thread) {
        return events.stream().filter(event -> event.thread() == thread).toList();
    }

    List<Event> allocations() {
        return events.stream().filter(event -> !event.free()).toList();
    }

    List<Event> frees() {
        return events.stream().filter(Event::free).toList();
    }
}
