package io.hakmem.modes;

import io.hakmem.Hakmem;
import io.hakmem.Mode;

/** The measurement step MINIMAL + BigCache: freed large blocks cached, evictions unmapped. */
class MinimalBigCacheContractTest extends AllocatorContract {
    @Override
    Hakmem newAllocator() {
        return Hakmem.builder().mode(Mode.MINIMAL).enable("bigcache").build();
    }
}
