package io.hakmem.modes.trace;

import java.util.BitSet;

/**
 * What a trace says at its end, and what reading it found.
 *
 * @param durationNanos from the start to the end of the recording
 * @param dropped       events the recorder could not write
 * @param blocks        block numbers in use: every block a visitor saw is below it
 * @param orphans       blocks whose free is in the trace but whose allocation was dropped
 */
public record TraceEnd(long durationNanos, long dropped, int blocks, BitSet orphans) {
}
