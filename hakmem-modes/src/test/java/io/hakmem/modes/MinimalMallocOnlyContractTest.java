package io.hakmem.modes;

import io.hakmem.Hakmem;
import io.hakmem.Mode;

/** MINIMAL with the large-mmap kill-switch off: every block from malloc. */
class MinimalMallocOnlyContractTest extends AllocatorContract {
    @Override
    Hakmem newAllocator() {
        return Hakmem.builder().mode(Mode.MINIMAL).set("large-mmap", "false").build();
    }
}
