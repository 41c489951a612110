package io.hakmem.pool;

import io.hakmem.ffm.LinuxOsMemory;
import io.hakmem.spi.Advice;
import io.hakmem.spi.CounterSink;
import io.hakmem.spi.OsException;
import io.hakmem.spi.OsMemory;
import io.hakmem.spi.PageFaults;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real OS layer, counting the bytes given back with MADV_DONTNEED: pages the kernel takes at once, what a
 * pool says when it gives memory back, without the process's resident set, which the JVM moves too. It also
 * counts the bytes claimed against a limit, and can refuse commits as a failed mprotect would.
 */
final class ReleaseCountingOs implements OsMemory {
    private final OsMemory os = LinuxOsMemory.create();
    final AtomicLong releasedBytes = new AtomicLong();
    final AtomicLong claimedBytes = new AtomicLong();
    /** While set, every commit fails with EACCES. */
    volatile boolean failCommits;
    /** While set, every MADV_DONTNEED fails with EAGAIN. */
    volatile boolean failReleases;

    @Override
    public boolean advise(long address, long bytes, Advice advice) {
        if (failReleases && advice == Advice.DONTNEED) {
            throw new OsException("madvise(0x" + Long.toHexString(address) + ", " + bytes + ", MADV_DONTNEED) (injected)",
                    11, "EAGAIN");
        }
        boolean taken = os.advise(address, bytes, advice);
        if (taken && advice == Advice.DONTNEED) {
            releasedBytes.addAndGet(bytes);
        }
        return taken;
    }

    @Override
    public PageFaults pageFaults() {
        return os.pageFaults();
    }

    @Override
    public long map(long bytes) {
        return os.map(bytes);
    }

    @Override
    public long mapAligned(long bytes, long alignment) {
        return os.mapAligned(bytes, alignment);
    }

    @Override
    public long pageSize() {
        return os.pageSize();
    }

    @Override
    public long reserve(long bytes, long alignment) {
        return os.reserve(bytes, alignment);
    }

    @Override
    public void commit(long address, long bytes) {
        if (failCommits) {
            throw new OsException("mprotect(0x" + Long.toHexString(address) + ", " + bytes + ") (injected)", 13,
                    "EACCES");
        }
        os.commit(address, bytes);
    }

    @Override
    public void claim(long bytes) {
        claimedBytes.addAndGet(bytes);
    }

    @Override
    public void unclaim(long bytes) {
        claimedBytes.addAndGet(-bytes);
    }

    @Override
    public void unreserve(long address, long bytes, long committedBytes) {
        os.unreserve(address, bytes, committedBytes);
    }

    @Override
    public void unmap(long address, long bytes) {
        os.unmap(address, bytes);
    }

    @Override
    public long malloc(long bytes) {
        return os.malloc(bytes);
    }

    @Override
    public long alignedAlloc(long alignment, long bytes) {
        return os.alignedAlloc(alignment, bytes);
    }

    @Override
    public void free(long address, long bytes) {
        os.free(address, bytes);
    }

    @Override
    public long residentBytes() {
        return os.residentBytes();
    }

    @Override
    public MemorySegment addressSpace(Arena scope) {
        return os.addressSpace(scope);
    }

    @Override
    public void report(CounterSink sink) {
        os.report(sink);
    }
}
