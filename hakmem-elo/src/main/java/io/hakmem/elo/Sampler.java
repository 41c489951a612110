package io.hakmem.elo;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides, on the allocation path, whether this request is one of the sampled ones: 1 in {@code every}, at
 * random. The real one draws from {@link ThreadLocalRandom}, whose state lives in the calling thread: nothing
 * shared is written and nothing is allocated. Tests substitute a seeded one, for exact runs.
 */
@FunctionalInterface
interface Sampler {

    /** True for about 1 in {@code every} calls. */
    boolean sample(int every);

    /** The allocation path's sampler. */
    Sampler THREAD_LOCAL = every -> ThreadLocalRandom.current().nextInt(every) == 0;
}
