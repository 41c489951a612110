package io.hakmem.modes.trace;

/** A file that is not a whole, intact trace: foreign, of another version, truncated or corrupted. */
public final class TraceFormatException extends Exception {
    private final long offset;

    TraceFormatException(long offset, String problem) {
        super(problem + " (at offset " + offset + ")");
        this.offset = offset;
    }

    /** Where in the file the problem is: the start of the frame or record that fails its check. */
    public long offset() {
        return offset;
    }
}
