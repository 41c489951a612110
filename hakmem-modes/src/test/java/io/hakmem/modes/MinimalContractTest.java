package io.hakmem.modes;

import io.hakmem.Hakmem;
import io.hakmem.Mode;

/** MINIMAL: malloc below 256 KiB, mmap at and above it, nothing cached. */
class MinimalContractTest extends AllocatorContract {
    @Override
    Hakmem newAllocator() {
        return Hakmem.create(Mode.MINIMAL);
    }
}
