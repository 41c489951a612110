package io.hakmem.bench.ablation;

/** A workload of the ablation study, run on one subject in one JVM. */
interface Scenario {

    String name();

    /** What one operation is, for the table ("op", "document"). */
    default String operation() {
        return "op";
    }

    /** Whether its first figure is the throughput of its threads together (larson), not the time per operation. */
    default boolean reportsThroughput() {
        return false;
    }

    /** Whether more than one thread allocates (larson, a replay of several threads). */
    default boolean multiThreaded() {
        return false;
    }

    /** Whether the scenario needs blocks freed by another thread than the one that allocated them. */
    default boolean crossThread() {
        return false;
    }

    /** Runs warmup then measurement; the subject is fresh and closed by the caller. */
    Measurement run(Subject subject, Budget budget);
}
