package io.hakmem.modes.trace;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;

import static io.hakmem.modes.trace.TraceLayout.FRAME_HEADER;

/**
 * Reads a trace and checks all of it: the magic and version, every frame's length, checksum and sequence, every
 * record, and that the blocks add up (no id allocated twice, no block freed twice, no free without its
 * allocation unless events were dropped, no free before its allocation in the same thread, names declared
 * before use, the end frame last). A file that fails a check is refused with a {@link TraceFormatException}
 * naming the offset, before the visitor's {@link TraceVisitor#end} is called.
 */
public final class TraceReader {
    /** Block numbers a trace may use per record read, beyond the threads' partly used ranges. */
    private static final int NUMBERS_PER_RECORD = 16;

    private final DataInputStream in;
    private final long size;
    private final TraceVisitor visitor;
    private final CRC32C crc = new CRC32C();
    private final byte[] header = new byte[FRAME_HEADER];
    private byte[] payload = new byte[1 << 16];
    private final Payload records = new Payload();
    private final BlockNumbers blocks = new BlockNumbers();
    private final Set<Integer> sites = new HashSet<>();
    private final List<ThreadState> threads = new ArrayList<>();
    /** Frees read before their allocation (by another thread, later in the file), by block number. */
    private final Map<Integer, EarlyFree> early = new HashMap<>();
    private long offset;
    private long recordsRead;
    private long droppedRecorded;

    private record EarlyFree(long offset, int thread) {
    }

    /** A thread's place in its own stream. */
    private static final class ThreadState {
        long time;
        long lastBlock;
    }

    private TraceReader(DataInputStream in, long size, TraceVisitor visitor) {
        this.in = in;
        this.size = size;
        this.visitor = visitor;
    }

    /**
     * Reads {@code path} into {@code visitor}, checking everything.
     *
     * @throws TraceFormatException when the file is not a whole, intact trace of this version
     */
    public static TraceHeader read(Path path, TraceVisitor visitor) throws IOException, TraceFormatException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 1 << 20));
            return new TraceReader(in, channel.size(), visitor).read();
        }
    }

    private TraceHeader read() throws IOException, TraceFormatException {
        preamble();
        TraceHeader traceHeader = null;
        long declaredDropped = -1;
        long duration = 0;
        for (int sequence = 0; offset < size; sequence++) {
            long frame = offset;
            if (declaredDropped >= 0) {
                throw new TraceFormatException(frame, "corrupted: " + (size - frame) + " bytes after the end frame");
            }
            byte kind = frame(sequence);
            records.reset(payload, (int) (offset - frame - FRAME_HEADER), frame + FRAME_HEADER);
            if (sequence == 0 && kind != TraceLayout.HEADER) {
                throw new TraceFormatException(frame, "corrupted: the first frame is not the header");
            }
            switch (kind) {
                case TraceLayout.HEADER -> {
                    if (sequence != 0) {
                        throw new TraceFormatException(frame, "corrupted: a second header frame");
                    }
                    traceHeader = header();
                    visitor.header(traceHeader);
                }
                case TraceLayout.NAMES -> names();
                case TraceLayout.EVENTS -> events();
                case TraceLayout.END -> {
                    duration = records.varint();
                    declaredDropped = records.varint();
                    records.expectEnd("end");
                    if (declaredDropped < droppedRecorded) {
                        throw new TraceFormatException(frame, "corrupted: the end frame counts " + declaredDropped
                                + " dropped events, the records before it " + droppedRecorded);
                    }
                }
                default -> throw new TraceFormatException(frame, "corrupted: a frame of unknown kind " + kind);
            }
        }
        if (declaredDropped < 0) {
            throw new TraceFormatException(size, "truncated: the trace ends without its end frame (the recording "
                    + "did not finish, or the file was cut)");
        }
        BitSet orphans = new BitSet();
        for (Map.Entry<Integer, EarlyFree> free : early.entrySet()) {
            if (declaredDropped == 0) {
                throw new TraceFormatException(free.getValue().offset(), "corrupted: a free of a block that no allocation "
                        + "in the trace made, and no event was dropped");
            }
            orphans.set(free.getKey());
        }
        visitor.end(new TraceEnd(duration, declaredDropped, blocks.count(), orphans));
        return traceHeader;
    }

    private void preamble() throws IOException, TraceFormatException {
        byte[] magic = new byte[TraceLayout.MAGIC.length];
        int got = in.readNBytes(magic, 0, magic.length);
        if (got < magic.length || !Arrays.equals(magic, TraceLayout.MAGIC)) {
            throw new TraceFormatException(0, "not a hakmem trace: it does not start with "
                    + new String(TraceLayout.MAGIC, StandardCharsets.US_ASCII));
        }
        if (size < TraceLayout.PREAMBLE) {
            throw new TraceFormatException(magic.length, "truncated: the version is cut off");
        }
        int version = in.readUnsignedShort();
        if (version != TraceLayout.VERSION) {
            throw new TraceFormatException(magic.length, "a trace of version " + version + "; this hakmem reads "
                    + "version " + TraceLayout.VERSION);
        }
        offset = TraceLayout.PREAMBLE;
    }

    /** Reads and checks the frame at {@code offset} into {@code payload}; returns its kind. */
    private byte frame(int sequence) throws IOException, TraceFormatException {
        long frame = offset;
        if (size - frame < FRAME_HEADER) {
            throw new TraceFormatException(frame, "truncated: a frame with " + (size - frame) + " of its "
                    + FRAME_HEADER + " header bytes");
        }
        in.readFully(header);
        int length = ((header[5] & 0xFF) << 24) | ((header[6] & 0xFF) << 16) | ((header[7] & 0xFF) << 8)
                | (header[8] & 0xFF);
        if (length < 0 || length > TraceLayout.MAX_PAYLOAD) {
            throw new TraceFormatException(frame, "corrupted: a frame of " + Integer.toUnsignedString(length)
                    + " bytes");
        }
        if (size - frame - FRAME_HEADER < length) {
            throw new TraceFormatException(frame, "truncated: a frame of " + length + " bytes with "
                    + (size - frame - FRAME_HEADER) + " left in the file");
        }
        if (payload.length < length) {
            payload = new byte[Math.max(length, payload.length * 2)];
        }
        in.readFully(payload, 0, length);
        crc.reset();
        crc.update(header, 0, TraceLayout.CRC_OFFSET);
        crc.update(payload, 0, length);
        int stored = ((header[9] & 0xFF) << 24) | ((header[10] & 0xFF) << 16) | ((header[11] & 0xFF) << 8)
                | (header[12] & 0xFF);
        if ((int) crc.getValue() != stored) {
            throw new TraceFormatException(frame, "corrupted: the frame of bytes " + frame + ".."
                    + (frame + FRAME_HEADER + length - 1) + " fails its checksum");
        }
        int number = ((header[1] & 0xFF) << 24) | ((header[2] & 0xFF) << 16) | ((header[3] & 0xFF) << 8)
                | (header[4] & 0xFF);
        if (number != sequence) {
            throw new TraceFormatException(frame, "corrupted: frame " + Integer.toUnsignedString(number)
                    + " where frame " + sequence + " belongs (a frame is missing or repeated)");
        }
        offset = frame + FRAME_HEADER + length;
        return header[0];
    }

    private TraceHeader header() throws TraceFormatException {
        long start = records.varint();
        String preset = records.string();
        String jvm = records.string();
        long at = records.offset();
        String sampleText = records.string();
        double sample;
        try {
            sample = Double.parseDouble(sampleText);
        } catch (NumberFormatException e) {
            throw new TraceFormatException(at, "corrupted: a sample of '" + sampleText + "'");
        }
        long buffer = records.varint();
        long pid = records.varint();
        records.expectEnd("header");
        return new TraceHeader(TraceLayout.VERSION, start, preset, jvm, sample, buffer, pid);
    }

    private void names() throws TraceFormatException {
        while (records.more()) {
            long at = records.offset();
            int tag = records.integer("record tag", 0, 255);
            if (tag == TraceLayout.THREAD) {
                int id = records.integer("thread id", 1, Integer.MAX_VALUE);
                String name = records.string();
                if (id != threads.size() + 1) {
                    throw new TraceFormatException(at, "corrupted: thread " + id + " declared after thread "
                            + threads.size());
                }
                threads.add(new ThreadState());
                visitor.thread(id, name);
            } else if (tag == TraceLayout.SITE) {
                int id = records.integer("site id", 0, Integer.MAX_VALUE);
                String name = records.string();
                if (!sites.add(id)) {
                    throw new TraceFormatException(at, "corrupted: site " + id + " declared twice");
                }
                visitor.site(id, name);
            } else {
                throw new TraceFormatException(at, "corrupted: a record of unknown kind " + tag + " among the names");
            }
        }
    }

    private void events() throws TraceFormatException {
        long at = records.offset();
        int thread = records.integer("thread id", 1, Integer.MAX_VALUE);
        if (thread > threads.size()) {
            throw new TraceFormatException(at, "corrupted: events of thread " + thread + ", which is not declared");
        }
        ThreadState state = threads.get(thread - 1);
        while (records.more()) {
            at = records.offset();
            recordsRead++;
            int tag = records.integer("record tag", 0, 255);
            switch (tag) {
                case TraceLayout.ALLOCATE, TraceLayout.ALLOCATE_BY_ADDRESS -> allocate(thread, state, at,
                        tag == TraceLayout.ALLOCATE_BY_ADDRESS);
                case TraceLayout.FREE -> free(thread, state, at);
                case TraceLayout.DROPPED -> {
                    long count = records.varint();
                    state.time = time(state, at);
                    if (count == 0) {
                        throw new TraceFormatException(at, "corrupted: a count of 0 dropped events");
                    }
                    droppedRecorded += count;
                    visitor.dropped(thread, count, state.time);
                }
                default -> throw new TraceFormatException(at, "corrupted: an event of unknown kind " + tag);
            }
        }
    }

    private void allocate(int thread, ThreadState state, long at, boolean byAddress) throws TraceFormatException {
        int site = records.integer("site id", 0, Integer.MAX_VALUE);
        long size = records.varint();
        int shift = records.alignmentShift();
        long delta = records.varint();
        state.time = time(state, at);
        if (!sites.contains(site)) {
            throw new TraceFormatException(at, "corrupted: an allocation at site " + site + ", which is not declared");
        }
        if (delta == 0 || state.lastBlock + delta < state.lastBlock) {
            throw new TraceFormatException(at, "corrupted: block ids that do not rise along a thread");
        }
        state.lastBlock += delta;
        int block = number(state.lastBlock, at);
        if (blocks.is(block, BlockNumbers.ALLOCATED)) {
            throw new TraceFormatException(at, "corrupted: block id " + state.lastBlock + " allocated twice");
        }
        blocks.set(block, BlockNumbers.ALLOCATED);
        EarlyFree freed = early.remove(block);
        if (freed != null && freed.thread() == thread) {
            throw new TraceFormatException(freed.offset(), "corrupted: a block freed before its allocation, in the "
                    + "same thread");
        }
        visitor.allocate(thread, block, site, size, 1L << shift, byAddress, state.time);
    }

    private void free(int thread, ThreadState state, long at) throws TraceFormatException {
        long id = state.lastBlock - Varints.unzigzag(records.varint());
        state.time = time(state, at);
        if (id < 1) {
            throw new TraceFormatException(at, "corrupted: a free of block id " + id);
        }
        int block = number(id, at);
        if (blocks.is(block, BlockNumbers.FREED)) {
            throw new TraceFormatException(at, "corrupted: block id " + id + " freed twice");
        }
        blocks.set(block, BlockNumbers.FREED);
        if (!blocks.is(block, BlockNumbers.ALLOCATED)) {
            early.put(block, new EarlyFree(at, thread)); // another thread's allocation may come later in the file
        }
        visitor.free(thread, block, state.time);
    }

    private long time(ThreadState state, long at) throws TraceFormatException {
        long delta = records.varint();
        if (state.time + delta < state.time) {
            throw new TraceFormatException(at, "corrupted: a time beyond 2^63 ns");
        }
        return state.time + delta;
    }

    private int number(long id, long at) throws TraceFormatException {
        if (blocks.count() > NUMBERS_PER_RECORD * recordsRead + (long) TraceLayout.BLOCK_RANGE * (threads.size() + 1)
                || blocks.count() > Integer.MAX_VALUE - TraceLayout.BLOCK_RANGE) {
            throw new TraceFormatException(at, "corrupted: block ids too far apart for a trace of this size");
        }
        return blocks.number(id);
    }
}
