package io.hakmem.pool;

import java.util.SplittableRandom;

class MidPoolThreadsTest extends PoolThreadsContract {

    @Override
    Pool newPool() {
        return TestPools.mid(2L << 30, 1L << 20);
    }

    @Override
    long fixedSize() {
        return 3000;
    }

    /** Log-uniform above 1 KiB and below 64 KiB: every class from the first to a 512 KiB slab's. */
    @Override
    long randomSize(SplittableRandom random) {
        return (long) Math.exp(Math.log(1025) + random.nextDouble() * (Math.log(64 << 10) - Math.log(1025)));
    }

    @Override
    long counter(String name) {
        return TestPools.counters(pool).get("midpool." + name);
    }
}
