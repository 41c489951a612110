package io.hakmem.modes;

import io.hakmem.Hakmem;
import io.hakmem.Mode;

/** BALANCED (ELO frozen, BigCache, batch, adaptive, THP auto); without TinyPool, which lands separately. */
class BalancedContractTest extends AllocatorContract {
    @Override
    Hakmem newAllocator() {
        return Hakmem.builder().mode(Mode.BALANCED).disable("tinypool").build();
    }
}
