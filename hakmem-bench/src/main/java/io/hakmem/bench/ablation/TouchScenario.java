package io.hakmem.bench.ablation;

/**
 * The fixed-size scenarios: allocate, write one byte per 4 KiB page, free. json (64 KiB), mir
 * (256 KiB), vm (2 MiB), and mixed (the three interleaved).
 */
final class TouchScenario extends BatchScenario {
    private static final long PAGE = 4096;
    private final long[] sizes;
    private int next;

    TouchScenario(String name, int batchSize, long... sizes) {
        super(name, batchSize);
        this.sizes = sizes;
    }

    static TouchScenario json() {
        return new TouchScenario("json", 64, 64 << 10);
    }

    static TouchScenario mir() {
        return new TouchScenario("mir", 16, 256 << 10);
    }

    static TouchScenario vm() {
        return new TouchScenario("vm", 4, 2 << 20);
    }

    static TouchScenario mixed() {
        return new TouchScenario("mixed", 6, 64 << 10, 256 << 10, 2 << 20);
    }

    @Override
    void batch(Subject subject, int operations) {
        for (int i = 0; i < operations; i++) {
            long size = sizes[next];
            next = next + 1 == sizes.length ? 0 : next + 1;
            Object block = subject.allocate(size);
            for (long offset = 0; offset < size; offset += PAGE) {
                subject.write(block, offset, (byte) i);
            }
            subject.free(block);
        }
    }
}
