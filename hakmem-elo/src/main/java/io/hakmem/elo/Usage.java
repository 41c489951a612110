package io.hakmem.elo;

/**
 * What operations cost, per operation: elapsed nanoseconds, page faults, and the bytes mapped at the end.
 *
 * @param cpu    nanoseconds per operation (the CPU-time proxy, see {@link Probe})
 * @param faults page faults per operation
 * @param memory bytes the allocator has mapped (a level, not per operation)
 */
record Usage(double cpu, double faults, double memory) {

    /** From two readings {@code operations} requests apart (counted from the samples: see {@link Sampler}). */
    static Usage between(Probe.Reading start, Probe.Reading end, long operations) {
        double ops = Math.max(1, operations);
        return new Usage(Math.max(0, end.nanos() - start.nanos()) / ops,
                Math.max(0, end.faults() - start.faults()) / ops, Math.max(0, end.memory()));
    }

    /**
     * The composite cost relative to {@code reference}: each term divided by the reference's (with 1 added to
     * both, so that zero faults against zero faults is 1), weighted. The reference itself costs the sum of the
     * weights; lower is better.
     */
    double relativeTo(Usage reference, Weights weights) {
        return weights.cpu() * ratio(cpu, reference.cpu) + weights.faults() * ratio(faults, reference.faults)
                + weights.memory() * ratio(memory, reference.memory);
    }

    /** An exponential moving average step towards {@code next}. */
    Usage blend(Usage next, double alpha) {
        return new Usage(cpu + alpha * (next.cpu - cpu), faults + alpha * (next.faults - faults),
                memory + alpha * (next.memory - memory));
    }

    private static double ratio(double value, double reference) {
        return (value + 1) / (reference + 1);
    }

    /** The composite's weights: 40% CPU, 30% page faults, 30% memory by default. */
    record Weights(double cpu, double faults, double memory) {
        double total() {
            return cpu + faults + memory;
        }
    }
}
