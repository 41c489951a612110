package io.hakmem.modes;

import io.hakmem.Hakmem;
import io.hakmem.Mode;

/** The contract with TinyPool in front: MINIMAL + tinypool (blocks up to 1 KiB from thread-local pools). */
class TinyPoolContractTest extends AllocatorContract {
    @Override
    Hakmem newAllocator() {
        return Hakmem.builder().mode(Mode.MINIMAL).enable("tinypool").build();
    }
}
