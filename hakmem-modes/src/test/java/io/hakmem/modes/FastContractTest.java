package io.hakmem.modes;

import io.hakmem.Hakmem;
import io.hakmem.Mode;

/** FAST (BigCache, batch, adaptive, THP auto); without TinyPool, which lands separately. */
class FastContractTest extends AllocatorContract {
    @Override
    Hakmem newAllocator() {
        return Hakmem.builder().mode(Mode.FAST).disable("tinypool").build();
    }
}
