package io.hakmem.modes.trace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The live blocks: an id per address, addresses reused, the tree built by threads at once. */
class LiveBlocksTest {

    @Test
    void anAddressHasTheIdOfItsLatestBlockUntilFreed() {
        LiveBlocks live = new LiveBlocks();
        live.put(0x1000, 7);
        assertEquals(7, live.remove(0x1000));
        assertEquals(0, live.remove(0x1000), "freed: no live block there");
        live.put(0x1000, 8); // the address handed out again
        assertEquals(8, live.remove(0x1000));
        assertEquals(0, live.remove(0x2000), "never recorded");
        assertEquals(0, live.remove(0x7fff_0000_0000L), "nothing below it either");
        assertEquals(1, live.leaves(), "one page where a block started");
    }

    @Test
    void addressesOffTheTreeAreKeptToo() {
        LiveBlocks live = new LiveBlocks();
        long unaligned = 0x1008;
        long high = 1L << 50;
        live.put(unaligned, 3);
        live.put(high, 4);
        live.put(0x1000, 5);
        assertEquals(3, live.remove(unaligned));
        assertEquals(4, live.remove(high));
        assertEquals(5, live.remove(0x1000));
        assertEquals(0, live.remove(unaligned));
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void threadsBuildItTogetherWithoutLosingABlock() throws Exception {
        int threads = 4;
        int perThread = 300_000;
        LiveBlocks live = new LiveBlocks();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long base = (t + 1L) << 40;
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < perThread; i++) {
                        live.put(base + 16L * i, base + i);
                    }
                    for (int i = 0; i < perThread; i += 2) {
                        long id = live.remove(base + 16L * i);
                        if (id != base + i) {
                            throw new AssertionError("address " + i + " had " + id);
                        }
                    }
                    for (int i = 0; i < perThread; i += 2) {
                        live.put(base + 16L * i, base + perThread + i); // reused
                    }
                    for (int i = 0; i < perThread; i++) {
                        long expected = i % 2 == 0 ? base + perThread + i : base + i;
                        long id = live.remove(base + 16L * i);
                        if (id != expected) {
                            throw new AssertionError("address " + i + " had " + id + ", not " + expected);
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        assertNull(failure.get());
        assertEquals(threads * (perThread * 16 / 4096 + 1), live.leaves(), "a leaf per 4 KiB page where blocks start");
    }
}
