package io.hakmem.modes.core;

import io.hakmem.modes.trace.TraceRecorder;
import io.hakmem.modes.trace.TraceSettings;

import java.util.function.IntFunction;

/**
 * How an allocator is watched, from {@code hakmem.jmx}, {@code hakmem.leak-detection} and {@code hakmem.trace}.
 *
 * @param jmx              register an MXBean
 * @param leakLevel        off, sampled or paranoid
 * @param leakSampleEvery  at the sampled level, one block in this many is watched
 * @param trace            recording: off, or where and how
 */
public record Oversight(boolean jmx, String leakLevel, int leakSampleEvery, TraceSettings trace) {

    /** Whether anything watches the blocks: then the allocator is a {@link WatchedAllocator}. */
    boolean watchesBlocks() {
        return !leakLevel.equals("off") || trace.on();
    }

    LeakDetection leakDetection(IntFunction<String> siteNames) {
        return switch (leakLevel) {
            case "off" -> LeakDetection.OFF;
            case "paranoid" -> new TrackingLeakDetection(true, 1, siteNames);
            default -> new TrackingLeakDetection(false, leakSampleEvery, siteNames);
        };
    }

    /** The recorder, its file open and its writer running; or none. */
    BlockObserver openTrace() {
        return trace.on() ? new TraceObserver(TraceRecorder.open(trace)) : BlockObserver.NONE;
    }
}
