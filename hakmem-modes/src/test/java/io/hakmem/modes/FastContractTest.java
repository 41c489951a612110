package io.hakmem.modes;

import io.hakmem.Hakmem;
import io.hakmem.Mode;

/** FAST: TinyPool, BigCache, batch, adaptive free policy, THP auto; no ELO. */
class FastContractTest extends AllocatorContract {
    @Override
    Hakmem newAllocator() {
        return Hakmem.builder().mode(Mode.FAST).build();
    }
}
