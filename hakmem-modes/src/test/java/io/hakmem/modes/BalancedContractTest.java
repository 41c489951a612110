package io.hakmem.modes;

import io.hakmem.Hakmem;
import io.hakmem.Mode;

/** BALANCED: TinyPool, ELO frozen, BigCache, batch, adaptive free policy, THP auto. */
class BalancedContractTest extends AllocatorContract {
    @Override
    Hakmem newAllocator() {
        return Hakmem.builder().mode(Mode.BALANCED).build();
    }
}
