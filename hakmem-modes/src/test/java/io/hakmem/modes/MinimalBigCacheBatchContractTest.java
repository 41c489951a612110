package io.hakmem.modes;

import io.hakmem.Hakmem;
import io.hakmem.Mode;

/** The measurement step MINIMAL + BigCache + Batch: evictions go to the batch. */
class MinimalBigCacheBatchContractTest extends AllocatorContract {
    @Override
    Hakmem newAllocator() {
        return Hakmem.builder().mode(Mode.MINIMAL).enable("bigcache").enable("batch").build();
    }
}
