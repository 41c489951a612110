package io.hakmem.bench.ablation;

/**
 * A single-threaded scenario timed in batches: each batch is a loop of its own, in the subclass, so the JIT
 * compiles every scenario's loop with the allocator inlined; the driver times whole batches and warms up
 * for the budget's warmup first, and for {@link #MIN_WARMUP_OPERATIONS} at least.
 */
abstract class BatchScenario implements Scenario {
    /**
     * Operations every cell warms up for at least, however long they take: the quick budget's warm-up is a few
     * json-parse documents, too few for the JIT to have compiled the parser with the allocator inlined (FAST at
     * 9.9 to 11.7 ms a document in three quick runs, 7.2 to 8.0 ms in five of six with this floor).
     */
    static final int MIN_WARMUP_OPERATIONS = 32;
    private final String name;
    private final int batchSize;

    BatchScenario(String name, int batchSize) {
        this.name = name;
        this.batchSize = batchSize;
    }

    @Override
    public String name() {
        return name;
    }

    /** Prepares the live set, if any (not timed). */
    void setUp(Subject subject, Budget budget) {
    }

    /** Runs {@code operations} operations. */
    abstract void batch(Subject subject, int operations);

    /** Frees what is still live. */
    void tearDown(Subject subject) {
    }

    @Override
    public Measurement run(Subject subject, Budget budget) {
        setUp(subject, budget);
        long warmupEnd = System.nanoTime() + budget.warmupNanos();
        for (long warmed = 0; warmed < MIN_WARMUP_OPERATIONS || System.nanoTime() < warmupEnd; warmed += batchSize) {
            batch(subject, batchSize);
        }
        Samples samples = new Samples();
        long[] faultsBefore = ProcessStats.faults();
        long start = System.nanoTime();
        long end = start + budget.measureNanos();
        long operations = 0;
        long now = start;
        while (now < end) {
            batch(subject, batchSize);
            long after = System.nanoTime();
            samples.add((double) (after - now) / batchSize);
            operations += batchSize;
            now = after;
        }
        long[] faultsAfter = ProcessStats.faults();
        Measurement measurement = new Measurement(samples, operations, now - start, faultsBefore, faultsAfter);
        tearDown(subject);
        return measurement;
    }
}
