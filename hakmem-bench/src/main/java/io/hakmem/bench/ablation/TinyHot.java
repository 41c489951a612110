package io.hakmem.bench.ablation;

/** tiny-hot: allocate, write, free, cycling through 16, 32, ..., 1024 bytes. */
final class TinyHot extends BatchScenario {
    private static final long[] SIZES = {16, 32, 64, 128, 256, 512, 1024};
    private int next;

    TinyHot() {
        super("tiny-hot", 1024);
    }

    @Override
    void batch(Subject subject, int operations) {
        for (int i = 0; i < operations; i++) {
            long size = SIZES[next];
            next = next + 1 == SIZES.length ? 0 : next + 1;
            Object block = subject.allocate(size);
            subject.write(block, size - 1, (byte) i);
            subject.free(block);
        }
    }
}
