package io.hakmem.modes;

import io.hakmem.ffm.LinuxOsMemory;
import io.hakmem.spi.Advice;
import io.hakmem.spi.CounterSink;
import io.hakmem.spi.OsException;
import io.hakmem.spi.OsMemory;
import io.hakmem.spi.PageFaults;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real OS layer, with failures to order: the next N calls of a kind fail as the kernel would; or, after
 * {@link #failAtRandom}, any call fails with a given probability.
 */
final class FaultInjectingOs implements OsMemory {
    private final OsMemory os = LinuxOsMemory.create();
    final AtomicInteger failMaps = new AtomicInteger();
    /** munmap fails with EINVAL, as for a range that is not a mapping. */
    final AtomicInteger failUnmaps = new AtomicInteger();
    /** munmap fails with ENOMEM, as when the kernel's map count refuses a split: the range stays mapped. */
    final AtomicInteger unmapsOutOfMaps = new AtomicInteger();
    final AtomicInteger failMallocs = new AtomicInteger();
    final AtomicInteger refuseAdvice = new AtomicInteger();
    /** The address-space segment, which the allocator takes last as it comes up, is refused this many times. */
    final AtomicInteger failAddressSpace = new AtomicInteger();
    /** Reservations given back (the pools' regions, at close). */
    final AtomicInteger unreserved = new AtomicInteger();
    /** Blocks malloc'd and not yet freed, for tests that check everything went back. */
    final java.util.concurrent.atomic.AtomicLong mallocedBlocks = new java.util.concurrent.atomic.AtomicLong();

    /** Probability of a random failure per call, in millionths; 0 for none. */
    private volatile int randomPpm;
    private final java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    final java.util.concurrent.atomic.AtomicLong injected = new java.util.concurrent.atomic.AtomicLong();

    /** From now on every mmap, mprotect, munmap, madvise and malloc fails with {@code probability}. */
    void failAtRandom(double probability) {
        randomPpm = (int) (probability * 1_000_000);
    }

    private boolean take(AtomicInteger failures) {
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            injected.incrementAndGet();
            return true;
        }
        int ppm = randomPpm;
        if (ppm > 0) {
            int draw;
            synchronized (random) {
                draw = random.nextInt(1_000_000);
            }
            if (draw < ppm) {
                injected.incrementAndGet();
                return true;
            }
        }
        return false;
    }

    @Override
    public long pageSize() {
        return os.pageSize();
    }

    @Override
    public long map(long bytes) {
        if (take(failMaps)) {
            throw new OutOfMemoryError("mmap of " + bytes + " bytes failed: ENOMEM (injected)");
        }
        return os.map(bytes);
    }

    @Override
    public long mapAligned(long bytes, long alignment) {
        if (take(failMaps)) {
            throw new OutOfMemoryError("mmap of " + bytes + " bytes failed: ENOMEM (injected)");
        }
        return os.mapAligned(bytes, alignment);
    }

    @Override
    public long reserve(long bytes, long alignment) {
        if (take(failMaps)) {
            throw new OutOfMemoryError("mmap of " + bytes + " bytes failed: ENOMEM (injected)");
        }
        return os.reserve(bytes, alignment);
    }

    @Override
    public void commit(long address, long bytes) {
        if (take(failMaps)) {
            throw new OutOfMemoryError("mprotect of " + bytes + " reserved bytes failed: ENOMEM (injected)");
        }
        os.commit(address, bytes);
    }

    @Override
    public void unmap(long address, long bytes) {
        if (failUnmaps.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            injected.incrementAndGet();
            throw new OsException("munmap(0x" + Long.toHexString(address) + ", " + bytes + ") (injected)", 22, "EINVAL");
        }
        if (take(unmapsOutOfMaps)) { // random failures too: ENOMEM is the one a valid munmap meets
            throw new OsException("munmap(0x" + Long.toHexString(address) + ", " + bytes + ") (injected)",
                    OsException.ENOMEM, "ENOMEM");
        }
        os.unmap(address, bytes);
    }

    /** Passed through and counted: the pools unreserve once, at close, and the close path has no retry to test. */
    @Override
    public void unreserve(long address, long bytes, long committedBytes) {
        os.unreserve(address, bytes, committedBytes);
        unreserved.incrementAndGet();
    }

    @Override
    public boolean advise(long address, long bytes, Advice advice) {
        if (take(refuseAdvice)) {
            return false; // EINVAL: the kernel refuses this advice
        }
        return os.advise(address, bytes, advice);
    }

    @Override
    public long malloc(long bytes) {
        if (take(failMallocs)) {
            throw new OutOfMemoryError("malloc of " + bytes + " bytes failed (injected)");
        }
        long address = os.malloc(bytes);
        mallocedBlocks.incrementAndGet();
        return address;
    }

    @Override
    public long alignedAlloc(long alignment, long bytes) {
        if (take(failMallocs)) {
            throw new OutOfMemoryError("posix_memalign of " + bytes + " bytes failed (injected)");
        }
        long address = os.alignedAlloc(alignment, bytes);
        mallocedBlocks.incrementAndGet();
        return address;
    }

    @Override
    public void free(long address, long bytes) {
        os.free(address, bytes);
        mallocedBlocks.decrementAndGet();
    }

    /** The real OS layer's counter {@code name} ({@code os.mapped-bytes}, ...). */
    long counter(String name) {
        java.util.Map<String, Long> counters = new java.util.HashMap<>();
        os.report(counters::put);
        return counters.getOrDefault(name, 0L);
    }

    @Override
    public PageFaults pageFaults() {
        return os.pageFaults();
    }

    @Override
    public long residentBytes() {
        return os.residentBytes();
    }

    @Override
    public MemorySegment addressSpace(Arena scope) {
        if (take(failAddressSpace)) {
            throw new IllegalStateException("no address-space segment (injected)");
        }
        return os.addressSpace(scope);
    }

    @Override
    public void report(CounterSink sink) {
        os.report(sink);
    }
}
