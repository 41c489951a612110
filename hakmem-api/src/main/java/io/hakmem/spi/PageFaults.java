package io.hakmem.spi;

/** Page faults of the whole process so far, from {@code getrusage(RUSAGE_SELF)}. */
public record PageFaults(long minor, long major) {
}
