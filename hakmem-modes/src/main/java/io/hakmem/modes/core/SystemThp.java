package io.hakmem.modes.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this kernel does with transparent huge pages, read once per allocator at compose from sysfs.
 *
 * @param mode          the bracketed word of {@code /sys/kernel/mm/transparent_hugepage/enabled}: always,
 *                      madvise or never; "unsupported" when the file is missing (no THP in this kernel)
 * @param hugePageBytes {@code hpage_pmd_size}: 2 MiB on x86-64 (and on aarch64 with 4 KiB pages)
 */
record SystemThp(String mode, long hugePageBytes) {
    private static final Path DIRECTORY = Path.of("/sys/kernel/mm/transparent_hugepage");
    static final long DEFAULT_HUGE_PAGE = 2L << 20;

    static SystemThp read() {
        return new SystemThp(mode(DIRECTORY.resolve("enabled")), hugePageBytes(DIRECTORY.resolve("hpage_pmd_size")));
    }

    /** Whether the kernel backs every large enough anonymous mapping with huge pages unless told not to. */
    boolean always() {
        return mode.equals("always");
    }

    private static String mode(Path enabled) {
        try {
            String line = Files.readString(enabled);
            int open = line.indexOf('[');
            int close = line.indexOf(']', open + 1);
            return open >= 0 && close > open ? line.substring(open + 1, close) : "unsupported";
        } catch (IOException | RuntimeException e) {
            return "unsupported";
        }
    }

    private static long hugePageBytes(Path size) {
        try {
            long bytes = Long.parseLong(Files.readString(size).trim());
            return bytes > 0 && (bytes & (bytes - 1)) == 0 ? bytes : DEFAULT_HUGE_PAGE;
        } catch (IOException | RuntimeException e) {
            return DEFAULT_HUGE_PAGE;
        }
    }
}
