package io.hakmem.modes.trace;

import java.nio.charset.StandardCharsets;

/**
 * The bytes of a trace, version 1. Frame headers are big-endian; inside a payload every integer is an unsigned
 * LEB128 varint (zigzag where it may be negative) and a string is its UTF-8 length, then its bytes.
 *
 * <pre>
 *  file    | magic "HKMTRACE" (8) | version (2) | frame | frame | ... | end frame |
 *
 *  frame   0      1          5          9          13
 *          +------+----------+----------+----------+----------------------+
 *          | kind | sequence | length N | CRC32C   | payload (N bytes)    |
 *          +------+----------+----------+----------+----------------------+
 *          the CRC covers kind, sequence, length and payload; sequences run 0, 1, 2, ... with no gap
 *
 *  'H' header (first): start (epoch ms), preset, jvm, sample (as text), buffer bytes, pid
 *  'M' names:          THREAD thread name | SITE site name ...         (threads numbered 1, 2, 3, ... in order)
 *  'E' events:         thread, then that thread's events in its order, each a tag then:
 *                        ALLOCATE, ALLOCATE_BY_ADDRESS  site, size, log2 alignment (one byte), id - previous id,
 *                                                       time delta
 *                        FREE                           zigzag(previous id - id), time delta
 *                        DROPPED                        count, time delta
 *  'Z' end (last):     duration (ns), events dropped in all
 * </pre>
 *
 * A block id is a per-trace sequence number, never an address (addresses are reused); ids are handed to each
 * thread {@link #BLOCK_RANGE} at a time, so they rise along a thread. "Previous id" is the last id that thread
 * allocated (0 before its first). A time is nanoseconds since the start on the recorder's clock, which advances
 * about once a millisecond; each event carries its delta from the previous event of its thread. Names are
 * declared in the file before their first use.
 */
final class TraceLayout {
    static final byte[] MAGIC = "HKMTRACE".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    /** Magic and version. */
    static final int PREAMBLE = MAGIC.length + 2;

    static final int FRAME_HEADER = 13;
    static final int CRC_OFFSET = 9;
    /** A frame's payload is at most this long: an event frame holds one segment. */
    static final int MAX_PAYLOAD = 1 << 20;

    static final byte HEADER = 'H';
    static final byte NAMES = 'M';
    static final byte EVENTS = 'E';
    static final byte END = 'Z';

    static final int THREAD = 1;
    static final int SITE = 2;
    static final int ALLOCATE = 3;
    static final int ALLOCATE_BY_ADDRESS = 4;
    static final int FREE = 5;
    static final int DROPPED = 6;

    /** The most bytes one event takes: a tag, then at most five varints of at most ten bytes each. */
    static final int MAX_EVENT = 1 + 5 * 10;
    /** A thread's events travel to the writer in segments of this size. */
    static final int SEGMENT_SHIFT = 16;
    static final int SEGMENT_SIZE = 1 << SEGMENT_SHIFT;
    /** Block ids a thread takes from the shared counter at a time. */
    static final int BLOCK_RANGE = 256;

    private TraceLayout() {
    }
}
