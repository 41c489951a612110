package io.hakmem.modes.trace;

import com.typesafe.config.Config;
import io.hakmem.spi.Settings;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code hakmem.trace}, read once and validated even when recording is off.
 *
 * @param out    the file to record into, {@code %p} replaced by the process id; null when recording is off
 * @param sample the fraction of sites recorded, in (0, 1]
 * @param buffer bytes of events that may wait for the writer before events are dropped
 * @param preset the preset and its feature matrix, for the trace's header
 */
public record TraceSettings(Path out, double sample, long buffer, String preset) {
    static final long MIN_BUFFER = 4L * TraceLayout.SEGMENT_SIZE;

    public static TraceSettings from(Config hakmem) {
        String out = Settings.string(hakmem, "trace.out").trim();
        double sample = Settings.between(hakmem, "trace.sample", 0, 1);
        if (sample == 0) {
            throw Settings.bad("trace.sample", "0", "a number in (0, 1]: the fraction of sites recorded, 1 for all");
        }
        long buffer = Settings.bytes(hakmem, "trace.buffer");
        if (buffer < MIN_BUFFER) {
            throw Settings.bad("trace.buffer", String.valueOf(buffer), "a size >= 256k");
        }
        return new TraceSettings(out.isEmpty() ? null : path(out), sample, buffer, preset(hakmem));
    }

    public boolean on() {
        return out != null;
    }

    private static Path path(String out) {
        Path path;
        try {
            path = Path.of(out.replace("%p", String.valueOf(ProcessHandle.current().pid()))).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw Settings.bad("trace.out", out, "a file path (" + e.getMessage() + ")");
        }
        Path directory = path.getParent();
        if (directory == null || !Files.isDirectory(directory) || !Files.isWritable(directory)) {
            throw Settings.bad("trace.out", out, "a file in a directory that exists and can be written ("
                    + directory + " cannot)");
        }
        if (Files.isDirectory(path)) {
            throw Settings.bad("trace.out", out, "a file, not a directory");
        }
        return path;
    }

    /** {@code balanced (bigcache, batch, ...; thp auto, free-policy adaptive, evo-policy frozen)}. */
    private static String preset(Config hakmem) {
        List<String> features = new ArrayList<>();
        for (String feature : hakmem.getConfig("features").root().keySet().stream().sorted().toList()) {
            if (hakmem.getBoolean("features." + feature)) {
                features.add(feature);
            }
        }
        return hakmem.getString("mode") + " (" + (features.isEmpty() ? "no features" : String.join(", ", features))
                + "; thp " + hakmem.getString("thp") + ", free-policy " + hakmem.getString("free-policy")
                + ", evo-policy " + hakmem.getString("evo-policy") + ")";
    }
}
