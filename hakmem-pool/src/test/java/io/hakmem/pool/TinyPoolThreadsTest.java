package io.hakmem.pool;

import java.util.SplittableRandom;

class TinyPoolThreadsTest extends PoolThreadsContract {

    @Override
    Pool newPool() {
        return TestPools.tiny(256L << 20, 1L << 20);
    }

    @Override
    long fixedSize() {
        return 64;
    }

    @Override
    long randomSize(SplittableRandom random) {
        return 1 + random.nextInt(1024);
    }

    @Override
    long counter(String name) {
        return TestPools.counters(pool).get("tinypool." + name);
    }
}
