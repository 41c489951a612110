package io.hakmem.modes;

import io.hakmem.Hakmem;
import io.hakmem.Mode;

/** LEARNING (ELO learning, BigCache, batch, adaptive, THP auto): the whole preset. */
class LearningContractTest extends AllocatorContract {
    @Override
    Hakmem newAllocator() {
        return Hakmem.builder().mode(Mode.LEARNING).build();
    }
}
