package io.hakmem.bench.ablation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's page faults, resident set and peak resident set, from /proc; same for every subject. */
final class ProcessStats {
    private static final long PAGE = 4096;

    private ProcessStats() {
    }

    /** Minor and major faults so far (fields 10 and 12 of stat(5)). */
    static long[] faults() {
        String stat = read("/proc/self/stat");
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(fields[10 - 3]), Long.parseLong(fields[12 - 3])};
    }

    static long residentBytes() {
        return Long.parseLong(read("/proc/self/statm").trim().split(" ")[1]) * PAGE;
    }

    /** VmHWM: the peak resident set since the last {@link #resetPeak()}. */
    static long peakResidentBytes() {
        for (String line : read("/proc/self/status").split("\n")) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    /** Resets VmHWM to the current resident set (clear_refs "5"); false where the kernel refuses. */
    static boolean resetPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
