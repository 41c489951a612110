package io.hakmem.ffm;

import io.hakmem.HakmemStats;
import io.hakmem.spi.Advice;
import io.hakmem.spi.CounterSink;
import io.hakmem.spi.OsException;
import io.hakmem.spi.OsMemory;
import io.hakmem.spi.PageFaults;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.LongAdder;

import static io.hakmem.ffm.Libc.MAP_ANONYMOUS;
import static io.hakmem.ffm.Libc.MAP_FAILED;
import static io.hakmem.ffm.Libc.MAP_NORESERVE;
import static io.hakmem.ffm.Libc.MAP_PRIVATE;
import static io.hakmem.ffm.Libc.PROT_NONE;
import static io.hakmem.ffm.Libc.PROT_READ;
import static io.hakmem.ffm.Libc.PROT_WRITE;

/**
 * {@link OsMemory} by Linux downcalls. One instance per allocator, so each counts its own system calls
 * ({@code os.mmap}, {@code os.munmap}, {@code os.madvise}); malloc and free are counted by their caller, whose
 * bookkeeping already holds the block, so the fastest calls pay no atomic counter.
 */
public final class LinuxOsMemory implements OsMemory {
    private static final long PAGE_SIZE = Platform.pageSize();

    private final LongAdder mmapCalls = new LongAdder();
    private final LongAdder munmapCalls = new LongAdder();
    private final LongAdder madviseCalls = new LongAdder();
    private final LongAdder mprotectCalls = new LongAdder();
    /** Readable and writable: mapped, or reserved and committed. */
    private final LongAdder mappedBytes = new LongAdder();
    /** Reserved and not committed: address space only, nothing charged. */
    private final LongAdder reservedBytes = new LongAdder();

    private LinuxOsMemory() {
    }

    /**
     * The OS layer of this machine.
     *
     * @throws UnsupportedOperationException when this is not Linux on x86-64 or aarch64
     */
    public static LinuxOsMemory create() {
        Platform.requireSupported();
        return new LinuxOsMemory();
    }

    @Override
    public long pageSize() {
        return PAGE_SIZE;
    }

    @Override
    public long map(long bytes) {
        long address = mmap(bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
        mappedBytes.add(bytes);
        return address;
    }

    private long mmap(long bytes, int protection, int flags) {
        MemorySegment state = Libc.callState();
        long address;
        SlowCallEvent event = new SlowCallEvent();
        event.begin();
        try {
            address = (long) Libc.MMAP.invokeExact(state, 0L, bytes, protection, flags, -1, 0L);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
        SlowCallEvent.end(event, "mmap", bytes);
        mmapCalls.increment();
        if (address == MAP_FAILED) {
            int errno = Libc.errno(state);
            if (errno == Errno.ENOMEM || errno == Errno.EAGAIN) {
                throw new OutOfMemoryError("mmap of " + bytes + " bytes failed: " + Errno.name(errno));
            }
            throw new OsException("mmap(" + bytes + " bytes)", errno, Errno.name(errno));
        }
        return address;
    }

    @Override
    public long mapAligned(long bytes, long alignment) {
        return trimToAlignment(map(bytes + alignment), bytes, alignment, mappedBytes);
    }

    @Override
    public long reserve(long bytes, long alignment) {
        long raw = mmap(bytes + alignment, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE);
        reservedBytes.add(bytes + alignment);
        return trimToAlignment(raw, bytes, alignment, reservedBytes);
    }

    @Override
    public void commit(long address, long bytes) {
        MemorySegment state = Libc.callState();
        int result;
        SlowCallEvent event = new SlowCallEvent();
        event.begin();
        try {
            result = (int) Libc.MPROTECT.invokeExact(state, address, bytes, PROT_READ | PROT_WRITE);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
        SlowCallEvent.end(event, "mprotect", bytes);
        mprotectCalls.increment();
        if (result != 0) {
            int errno = Libc.errno(state);
            if (errno == Errno.ENOMEM) {
                throw new OutOfMemoryError("mprotect of " + bytes + " reserved bytes failed: ENOMEM");
            }
            throw new OsException("mprotect(0x" + Long.toHexString(address) + ", " + bytes + ", READ|WRITE)",
                    errno, Errno.name(errno));
        }
        reservedBytes.add(-bytes);
        mappedBytes.add(bytes);
    }

    /** Over-mapped by the alignment: gives back the head and tail around the aligned range, counted in {@code counted}. */
    private long trimToAlignment(long raw, long bytes, long alignment, LongAdder counted) {
        long aligned = (raw + alignment - 1) & -alignment;
        long head = aligned - raw;
        long tail = alignment - head;
        long start = raw; // [start, end): what is still mapped
        long end = raw + bytes + alignment;
        try {
            if (head > 0) {
                munmap(raw, head);
                counted.add(-head);
                start = aligned;
            }
            if (tail > 0) {
                munmap(aligned + bytes, tail);
                counted.add(-tail);
                end = aligned + bytes;
            }
        } catch (OsException trimFailed) { // the caller gets no block: what is left goes back too, or it would leak
            try {
                munmap(start, end - start);
                counted.add(-(end - start));
            } catch (OsException again) {
                trimFailed.addSuppressed(again);
            }
            throw trimFailed;
        }
        return aligned;
    }

    @Override
    public void unmap(long address, long bytes) {
        munmap(address, bytes);
        mappedBytes.add(-bytes);
    }

    @Override
    public void unreserve(long address, long bytes, long committedBytes) {
        munmap(address, bytes);
        mappedBytes.add(-committedBytes);
        reservedBytes.add(committedBytes - bytes);
    }

    private void munmap(long address, long bytes) {
        MemorySegment state = Libc.callState();
        int result;
        SlowCallEvent event = new SlowCallEvent();
        event.begin();
        try {
            result = (int) Libc.MUNMAP.invokeExact(state, address, bytes);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
        SlowCallEvent.end(event, "munmap", bytes);
        munmapCalls.increment();
        if (result != 0) {
            int errno = Libc.errno(state);
            throw new OsException("munmap(0x" + Long.toHexString(address) + ", " + bytes + ")", errno,
                    Errno.name(errno));
        }
    }

    @Override
    public boolean advise(long address, long bytes, Advice advice) {
        MemorySegment state = Libc.callState();
        int result;
        SlowCallEvent event = new SlowCallEvent();
        event.begin();
        try {
            result = (int) Libc.MADVISE.invokeExact(state, address, bytes, adviceValue(advice));
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
        SlowCallEvent.end(event, "madvise", bytes);
        madviseCalls.increment();
        if (result == 0) {
            return true;
        }
        int errno = Libc.errno(state);
        if (errno == Errno.EINVAL) {
            return false; // this kernel does not know the advice (MADV_FREE before 4.5, THP off)
        }
        throw new OsException("madvise(0x" + Long.toHexString(address) + ", " + bytes + ", MADV_" + advice + ")",
                errno, Errno.name(errno));
    }

    private static int adviceValue(Advice advice) {
        return switch (advice) {
            case FREE -> Libc.MADV_FREE;
            case DONTNEED -> Libc.MADV_DONTNEED;
            case HUGEPAGE -> Libc.MADV_HUGEPAGE;
            case NOHUGEPAGE -> Libc.MADV_NOHUGEPAGE;
        };
    }

    @Override
    public long malloc(long bytes) {
        long address;
        try {
            address = (long) Libc.MALLOC.invokeExact(bytes);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
        if (address == 0) {
            throw new OutOfMemoryError("malloc of " + bytes + " bytes failed");
        }
        return address;
    }

    @Override
    public long alignedAlloc(long alignment, long bytes) {
        MemorySegment out = Libc.out();
        int result;
        try {
            result = (int) Libc.POSIX_MEMALIGN.invokeExact(out.address(), alignment, bytes);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
        if (result == Errno.ENOMEM) {
            throw new OutOfMemoryError("posix_memalign of " + bytes + " bytes failed: ENOMEM");
        }
        if (result != 0) {
            throw new OsException("posix_memalign(" + alignment + ", " + bytes + ")", result, Errno.name(result));
        }
        return out.get(java.lang.foreign.ValueLayout.JAVA_LONG, 0);
    }

    @Override
    public void free(long address, long bytes) {
        try {
            Libc.FREE.invokeExact(address);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    @Override
    public PageFaults pageFaults() {
        return Platform.pageFaults();
    }

    @Override
    public long residentBytes() {
        try {
            String[] fields = Files.readString(Path.of("/proc/self/statm")).trim().split(" ");
            return Long.parseLong(fields[1]) * PAGE_SIZE;
        } catch (IOException | RuntimeException e) {
            return -1; // no procfs: report unknown rather than fail a stats snapshot
        }
    }

    @Override
    public MemorySegment addressSpace(Arena scope) {
        return MemorySegment.NULL.reinterpret(Long.MAX_VALUE, scope, null);
    }

    @Override
    public void report(CounterSink sink) {
        sink.counter("os.mmap", mmapCalls.sum());
        sink.counter("os.munmap", munmapCalls.sum());
        sink.counter("os.madvise", madviseCalls.sum());
        sink.counter("os.mprotect", mprotectCalls.sum());
        sink.counter(HakmemStats.MAPPED_BYTES, mappedBytes.sum());
        sink.counter(HakmemStats.RESERVED_BYTES, reservedBytes.sum());
    }
}
