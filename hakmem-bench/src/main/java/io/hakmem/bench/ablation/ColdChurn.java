package io.hakmem.bench.ablation;

import java.util.SplittableRandom;

/**
 * cold-churn: a live set of blocks of random sizes 16 B..64 KiB (log-uniform); each step frees a random
 * one and allocates a replacement. Fragmentation and RSS, over a long-lived heap.
 */
final class ColdChurn extends BatchScenario {
    private final SplittableRandom random = new SplittableRandom(42);
    private Object[] live;

    ColdChurn() {
        super("cold-churn", 256);
    }

    private long size() {
        return (long) Math.exp(Math.log(16) + random.nextDouble() * (Math.log(64 << 10) - Math.log(16)));
    }

    @Override
    void setUp(Subject subject, Budget budget) {
        live = new Object[budget.liveSet()];
        for (int i = 0; i < live.length; i++) {
            live[i] = subject.allocate(size());
            subject.write(live[i], 0, (byte) i);
        }
    }

    @Override
    void batch(Subject subject, int operations) {
        Object[] blocks = live;
        for (int i = 0; i < operations; i++) {
            int victim = random.nextInt(blocks.length);
            subject.free(blocks[victim]);
            Object block = subject.allocate(size());
            subject.write(block, 0, (byte) i);
            blocks[victim] = block;
        }
    }

    @Override
    void tearDown(Subject subject) {
        for (Object block : live) {
            subject.free(block);
        }
        live = null;
    }
}
