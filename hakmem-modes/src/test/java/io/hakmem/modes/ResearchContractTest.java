package io.hakmem.modes;

import io.hakmem.Hakmem;
import io.hakmem.Mode;

/** RESEARCH (ELO learning, BigCache, batch, THP on, verbose logging): the whole preset. */
class ResearchContractTest extends AllocatorContract {
    @Override
    Hakmem newAllocator() {
        return Hakmem.builder().mode(Mode.RESEARCH).set("debug", "off").build();
    }
}
