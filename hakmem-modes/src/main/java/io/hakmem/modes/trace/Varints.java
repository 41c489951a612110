package io.hakmem.modes.trace;

/** Unsigned LEB128 varints and zigzag, written into a byte array (the reading side is {@link Payload}). */
final class Varints {
    private Varints() {
    }

    /** Writes {@code value} (unsigned) at {@code at}; returns the position after it. */
    static int put(byte[] bytes, int at, long value) {
        while ((value & ~0x7FL) != 0) {
            bytes[at++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[at++] = (byte) value;
        return at;
    }

    static long zigzag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    static long unzigzag(long value) {
        return (value >>> 1) ^ -(value & 1);
    }
}
