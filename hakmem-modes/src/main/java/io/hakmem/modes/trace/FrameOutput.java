package io.hakmem.modes.trace;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/** Frames into a trace file (see {@link TraceLayout}), numbered and checksummed, through one buffer. Writer only. */
final class FrameOutput implements Closeable {
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(2 * TraceLayout.MAX_PAYLOAD);
    private final CRC32C crc = new CRC32C();
    private final byte[] thread = new byte[5];
    private int sequence;
    private volatile long bytes;

    FrameOutput(FileChannel channel) {
        this.channel = channel;
        buffer.put(TraceLayout.MAGIC).putShort((short) TraceLayout.VERSION);
    }

    void frame(byte kind, PayloadBuilder payload) throws IOException {
        frame(kind, payload.bytes(), 0, payload.length(), payload.bytes(), 0, 0);
    }

    /** An events frame: the thread's id, then whole records of that thread. */
    void events(int threadId, byte[] records, int from, int to) throws IOException {
        int prefix = Varints.put(thread, 0, threadId);
        frame(TraceLayout.EVENTS, thread, 0, prefix, records, from, to);
    }

    private void frame(byte kind, byte[] first, int firstFrom, int firstTo, byte[] second, int secondFrom,
                       int secondTo) throws IOException {
        int length = (firstTo - firstFrom) + (secondTo - secondFrom);
        if (length > TraceLayout.MAX_PAYLOAD) {
            throw new IllegalStateException("A trace frame of " + length + " bytes");
        }
        if (buffer.remaining() < TraceLayout.FRAME_HEADER + length) {
            flush();
        }
        int start = buffer.position();
        buffer.put(kind).putInt(sequence++).putInt(length).putInt(0);
        buffer.put(first, firstFrom, firstTo - firstFrom).put(second, secondFrom, secondTo - secondFrom);
        crc.reset();
        crc.update(buffer.slice(start, TraceLayout.CRC_OFFSET));
        crc.update(buffer.slice(start + TraceLayout.FRAME_HEADER, length));
        buffer.putInt(start + TraceLayout.CRC_OFFSET, (int) crc.getValue());
    }

    void flush() throws IOException {
        buffer.flip();
        long written = 0;
        while (buffer.hasRemaining()) {
            written += channel.write(buffer);
        }
        buffer.clear();
        bytes += written;
    }

    /** Bytes in the file so far. */
    long bytes() {
        return bytes;
    }

    /** Closes the file without writing what is buffered: after a failure. */
    void abandon() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already failed; the writer has said so
        }
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            channel.close();
        }
    }
}
