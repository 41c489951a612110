package io.hakmem.ffm;

import io.hakmem.spi.PageFaults;

import java.lang.foreign.MemorySegment;
import java.util.Locale;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/** Facts about the machine: whether hakmem runs here, its page size, its page faults. */
final class Platform {
    /** {@code struct rusage}: two timevals, then longs; ru_minflt and ru_majflt are longs 4 and 5. */
    static final long RUSAGE_BYTES = 144;
    private static final long RU_MINFLT_OFFSET = 64;
    private static final long RU_MAJFLT_OFFSET = 72;

    private Platform() {
    }

    static void requireSupported() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        boolean linux = os.startsWith("linux");
        boolean arch64 = arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64");
        if (!linux || !arch64) {
            throw new UnsupportedOperationException("hakmem needs Linux on x86-64 or aarch64; this is "
                    + System.getProperty("os.name") + " on " + System.getProperty("os.arch"));
        }
    }

    static long pageSize() {
        try {
            return (long) Libc.SYSCONF.invokeExact(Libc.SC_PAGESIZE);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    static PageFaults pageFaults() {
        MemorySegment usage = Libc.out();
        int result;
        try {
            result = (int) Libc.GETRUSAGE.invokeExact(Libc.RUSAGE_SELF, usage.address());
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
        if (result != 0) {
            return new PageFaults(-1, -1);
        }
        return new PageFaults(usage.get(JAVA_LONG, RU_MINFLT_OFFSET), usage.get(JAVA_LONG, RU_MAJFLT_OFFSET));
    }
}
