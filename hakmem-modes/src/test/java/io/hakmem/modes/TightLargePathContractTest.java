package io.hakmem.modes;

import io.hakmem.Hakmem;
import io.hakmem.Mode;

/**
 * The whole large-block chain under pressure: a 4 MiB cache that evicts at almost every free, a batch that
 * flushes every 4 blocks and retains 8, the keep policy (cold after 50 ms) and THP on (every block aligned).
 */
class TightLargePathContractTest extends AllocatorContract {
    @Override
    Hakmem newAllocator() {
        return Hakmem.builder().mode(Mode.MINIMAL).enable("bigcache").enable("batch")
                .set("bigcache.max-bytes", "4m").set("batch.flush-blocks", "4").set("batch.max-retained-blocks", "8")
                .set("batch.cold-after", "50ms").set("free-policy", "keep").set("thp", "on")
                .set("idle-release.delay", "20ms").build();
    }
}
