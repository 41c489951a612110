package io.hakmem.modes.trace;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Reads the records of one frame's payload, every problem named with its offset in the file. */
final class Payload {
    private byte[] bytes = new byte[0];
    private int at;
    private int end;
    /** The file offset of {@code bytes[0]}. */
    private long base;

    void reset(byte[] bytes, int length, long base) {
        this.bytes = bytes;
        this.at = 0;
        this.end = length;
        this.base = base;
    }

    boolean more() {
        return at < end;
    }

    long offset() {
        return base + at;
    }

    int alignmentShift() throws TraceFormatException {
        long start = offset();
        if (at >= end) {
            throw new TraceFormatException(start, "corrupted: a record runs past the end of its frame");
        }
        int shift = bytes[at++];
        if (shift < 0 || shift > 62) {
            throw new TraceFormatException(start, "corrupted: an alignment of 2^" + shift);
        }
        return shift;
    }

    /** An unsigned varint of at most 63 bits (nine bytes). */
    long varint() throws TraceFormatException {
        long start = offset();
        long value = 0;
        for (int shift = 0; shift <= 56; shift += 7) {
            if (at >= end) {
                throw new TraceFormatException(start, "corrupted: a record runs past the end of its frame");
            }
            byte b = bytes[at++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new TraceFormatException(start, "corrupted: a number does not fit in 63 bits");
    }

    /** A varint in [{@code min}, {@code max}]. */
    int integer(String what, int min, int max) throws TraceFormatException {
        long start = offset();
        long value = varint();
        if (value < min || value > max) {
            throw new TraceFormatException(start, "corrupted: " + what + " " + value);
        }
        return (int) value;
    }

    String string() throws TraceFormatException {
        long start = offset();
        int length = integer("string length", 0, end - at);
        try {
            String value = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, at, length)).toString();
            at += length;
            return value;
        } catch (CharacterCodingException e) {
            throw new TraceFormatException(start, "corrupted: a name that is not UTF-8");
        }
    }

    void expectEnd(String frame) throws TraceFormatException {
        if (at != end) {
            throw new TraceFormatException(offset(), "corrupted: " + (end - at) + " unexpected bytes at the end of the "
                    + frame + " frame");
        }
    }
}
