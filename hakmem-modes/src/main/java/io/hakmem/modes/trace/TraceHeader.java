package io.hakmem.modes.trace;

/**
 * What a trace says about its recording.
 *
 * @param startMillis when it started, in milliseconds since the epoch
 * @param preset      the preset and feature matrix of the allocator recorded
 * @param jvm         the JVM, the OS and the CPUs it ran on
 * @param sample      the fraction of sites recorded
 * @param buffer      {@code hakmem.trace.buffer}
 * @param pid         the process recorded
 */
public record TraceHeader(int version, long startMillis, String preset, String jvm, double sample, long buffer,
                          long pid) {
}
