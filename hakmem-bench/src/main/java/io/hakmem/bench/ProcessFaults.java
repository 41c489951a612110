package io.hakmem.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Minor page faults of this process so far, from {@code /proc/self/stat} (the figure getrusage reports as
 * {@code ru_minflt}), for the peers that keep no counters. Process-wide, like
 * {@link io.hakmem.HakmemStats#minorFaults()}.
 */
final class ProcessFaults {
    private static final Path STAT = Path.of("/proc/self/stat");
    /** minflt is field 10 of stat(5); fields after the command name start at field 3. */
    private static final int MINFLT_AFTER_COMMAND = 10 - 3;

    private ProcessFaults() {
    }

    static long minor() {
        try {
            String stat = Files.readString(STAT);
            // The command name (field 2) may hold spaces; it ends at the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[MINFLT_AFTER_COMMAND]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
