package io.hakmem.modes.trace;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A frame payload being put together off the hot path: the header, names, the end. */
final class PayloadBuilder {
    /** Longer names are cut here, so that a names frame stays far below {@link TraceLayout#MAX_PAYLOAD}. */
    static final int MAX_NAME_CHARS = 1000;

    private byte[] bytes = new byte[256];
    private int length;

    PayloadBuilder varint(long value) {
        ensure(10);
        length = Varints.put(bytes, length, value);
        return this;
    }

    PayloadBuilder string(String value) {
        byte[] utf8 = (value.length() > MAX_NAME_CHARS ? value.substring(0, MAX_NAME_CHARS) : value)
                .getBytes(StandardCharsets.UTF_8);
        varint(utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, length, utf8.length);
        length += utf8.length;
        return this;
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    void clear() {
        length = 0;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
