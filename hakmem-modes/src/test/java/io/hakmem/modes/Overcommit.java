package io.hakmem.modes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the kernel's overcommit setting ({@code /proc/sys/vm/overcommit_memory}) promises to refuse, so that a
 * test of exhaustion asks for what this machine must refuse: 0 (heuristic) refuses a single mapping larger than
 * RAM and swap together, 2 (strict) anything beyond the commit limit, 1 (always) only what no address space holds.
 */
final class Overcommit {
    private static final long GIB = 1L << 30;

    private Overcommit() {
    }

    static int mode() {
        return Integer.parseInt(read(Path.of("/proc/sys/vm/overcommit_memory")).strip());
    }

    /**
     * A request this machine promises to refuse: under 0 and 2, twice RAM and swap or twice the commit limit,
     * whichever is larger; under 1, 256 TiB, the whole of a 48-bit address space, which no process can map.
     */
    static long refusedBytes() {
        if (mode() == 1) {
            return 1L << 48;
        }
        String meminfo = read(Path.of("/proc/meminfo"));
        long memory = kib(meminfo, "MemTotal") + kib(meminfo, "SwapTotal");
        long limit = Math.max(memory, kib(meminfo, "CommitLimit")) * 1024;
        return (2 * limit + GIB - 1) / GIB * GIB;
    }

    /** A field of /proc/meminfo, in KiB. */
    private static long kib(String meminfo, String field) {
        for (String line : meminfo.split("\n")) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").strip());
            }
        }
        throw new IllegalStateException("no " + field + " in /proc/meminfo");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
