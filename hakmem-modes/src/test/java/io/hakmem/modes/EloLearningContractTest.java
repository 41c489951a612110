package io.hakmem.modes;

import io.hakmem.Hakmem;
import io.hakmem.Mode;

/** The contract with ELO learning on every large request (MINIMAL + elo, evo-policy learn). */
class EloLearningContractTest extends AllocatorContract {
    @Override
    Hakmem newAllocator() {
        return Hakmem.builder().mode(Mode.MINIMAL).enable("elo").set("evo-policy", "learn")
                .set("elo.min-samples", "4").build();
    }
}
