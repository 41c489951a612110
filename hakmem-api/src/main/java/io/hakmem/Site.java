package io.hakmem;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;

/**
 * A call-site label. Allocations made through a site are profiled and, where a
 * feature learns per site (ELO) or caches per site (BigCache), decided for that site alone.
 *
 * <p>Get one once, keep it in a field: {@code Hakmem.site(name)} is a lookup, {@link #allocate} is not.
 * Blocks are freed with {@link Hakmem#free} (or {@link Hakmem#freeAddress}), from any thread.
 */
public interface Site extends SegmentAllocator {

    /** The name given to {@link Hakmem#site(String)}. */
    String name();

    /** Allocates {@code byteSize} bytes aligned to {@code byteAlignment}; contents unspecified. */
    @Override
    MemorySegment allocate(long byteSize, long byteAlignment);

    /** {@link Hakmem#allocateAddress} from this site; freed with {@link Hakmem#freeAddress}. */
    long allocateAddress(long byteSize, long byteAlignment);
}
