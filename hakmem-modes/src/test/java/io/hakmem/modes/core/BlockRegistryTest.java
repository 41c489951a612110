package io.hakmem.modes.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lock-free registry on its own: validation, rebuilds, threads, and close racing with registration. */
class BlockRegistryTest {
    private static final long BASE = 0x7f00_0000_0000L;
    private static final long SEGMENT = BlockInfo.SEGMENT;

    private final BlockRegistry registry = new BlockRegistry();

    private static long malloced() {
        return BlockInfo.malloced(0, SEGMENT);
    }

    private Map<String, Long> counters() {
        Map<String, Long> counters = new HashMap<>();
        registry.report(counters::put);
        return counters;
    }

    @Test
    void aBlockTakingTheSlotOfAFreedBlockOfItsAddressGivesTheSlotANewWord() {
        // a free that read the first block's record (a double free racing with the address's reuse) CASes the word it
        // read: it must fail against the second block, or it frees that block by the first one's size and kind
        long mapped = BlockInfo.mapped(0, 1 << 20, SEGMENT);
        assertEquals(BlockRegistry.REGISTERED, registry.register(BASE, 1 << 20, mapped));
        long first = registry.keyOf(BASE);
        assertEquals(mapped, registry.release(BASE, 1 << 20, SEGMENT));
        assertEquals(BlockRegistry.REGISTERED, registry.register(BASE, 4096, BlockInfo.mapped(0, 4096, SEGMENT)));
        long second = registry.keyOf(BASE);
        assertNotEquals(first, second);
        assertEquals(BlockInfo.mapped(0, 4096, SEGMENT), registry.release(BASE, 4096, SEGMENT));
        assertThrows(IllegalStateException.class, () -> registry.release(BASE, 4096, SEGMENT), "double free");
    }

    @Test
    void validatesEveryFree() {
        long a = BASE;
        assertEquals(BlockRegistry.REGISTERED, registry.register(a, 100, malloced()));
        assertThrows(IllegalArgumentException.class, () -> registry.release(a + 16, 84, SEGMENT), "interior");
        assertThrows(IllegalArgumentException.class, () -> registry.release(a, 50, SEGMENT), "a slice");
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
                () -> registry.release(a, 100, BlockInfo.BY_ADDRESS));
        assertTrue(kind.getMessage().contains("as a segment"), kind.getMessage());
        assertEquals(malloced(), registry.release(a, 100, SEGMENT));
        IllegalStateException twice = assertThrows(IllegalStateException.class, () -> registry.release(a, 100, SEGMENT));
        assertTrue(twice.getMessage().contains("Double free"), twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> registry.release(BASE + 4096, 100, SEGMENT), "never handed out");
        assertThrows(IllegalStateException.class, () -> registry.register(BASE + 8, 8, malloced()), "misaligned");
        assertThrows(IllegalStateException.class, () -> registry.register(1L << 48, 8, malloced()), "above 2^48");
        assertEquals(1, counters().get("allocations"));
        assertEquals(1, counters().get("frees"));
        assertEquals(0, counters().get("live-bytes"));
    }

    @Test
    void addressesHandedOutAgainReuseTombstonesAndFreeCleanly() {
        for (int round = 0; round < 1000; round++) {
            for (int i = 0; i < 64; i++) {
                registry.register(BASE + i * 32L, 24, malloced());
            }
            for (int i = 0; i < 64; i++) {
                registry.release(BASE + i * 32L, 24, SEGMENT);
            }
        }
        assertEquals(64_000, counters().get("allocations"));
        assertEquals(0, counters().get("live-bytes"));
        assertTrue(counters().get("registry.rebuilds") <= 64, "tombstones are reused, tables do not churn");
    }

    /**
     * A block that takes another block's tombstone: its own frees work, and a second free of the block whose
     * tombstone was taken is still refused (as a double free or as no block, whichever its sequence meets first).
     */
    @Test
    void aTombstoneTakenByAnotherBlockStillRefusesTheDoubleFree() {
        long x = BASE;
        long y = BASE + 1024; // same chunk: slots 64 apart, the same first slot in a 64-slot table
        registry.register(x, 24, malloced());
        registry.register(y, 24, malloced());
        registry.release(x, 24, SEGMENT);
        registry.release(y, 24, SEGMENT);
        registry.register(y, 24, malloced()); // takes the first tombstone of its sequence: x's
        RuntimeException again = assertThrows(RuntimeException.class, () -> registry.release(x, 24, SEGMENT));
        assertTrue(again instanceof IllegalStateException || again instanceof IllegalArgumentException, again::toString);
        assertEquals(malloced(), registry.release(y, 24, SEGMENT));
        assertThrows(IllegalStateException.class, () -> registry.release(y, 24, SEGMENT), "y's own double free");
        assertEquals(0, counters().get("live-bytes"));
    }

    @Test
    void growsAndRebuildsWithoutLosingABlock() {
        int blocks = 200_000;
        for (int i = 0; i < blocks; i++) {
            registry.register(BASE + i * 48L, i, malloced());
        }
        for (int i = 0; i < blocks; i += 2) {
            assertEquals(malloced(), registry.release(BASE + i * 48L, i, SEGMENT));
        }
        for (int i = 1; i < blocks; i += 2) {
            assertEquals(malloced(), registry.release(BASE + i * 48L, i, SEGMENT));
        }
        assertTrue(counters().get("registry.rebuilds") > 64, counters()::toString);
        assertEquals(0, counters().get("live-bytes"));
    }

    /**
     * Blocks packed as densely as malloc packs them (32 bytes apart) in chunks whose runs of slots overlap, beside
     * page-aligned ones, half of them freed and handed out again in random order three times, then all freed: each
     * is found, once.
     */
    @Test
    void denseChunksAndPageAlignedBlocksAreEachFoundOnce() {
        List<Long> addresses = new ArrayList<>();
        for (int chunk = 0; chunk < 8; chunk++) {
            for (int i = 0; i < 2048; i++) {
                addresses.add(BASE + chunk * 0x1_0000L + i * 32L);
            }
        }
        for (int page = 0; page < 4096; page++) {
            addresses.add(BASE + 0x100_0000L + page * 4096L);
        }
        for (long address : addresses) {
            assertEquals(BlockRegistry.REGISTERED, registry.register(address, 24, malloced()));
        }
        Collections.shuffle(addresses, new Random(7));
        for (int round = 0; round < 3; round++) { // half freed and handed out again: tombstones among live slots
            for (long address : addresses.subList(0, addresses.size() / 2)) {
                assertEquals(malloced(), registry.release(address, 24, SEGMENT));
            }
            for (long address : addresses.subList(0, addresses.size() / 2)) {
                assertEquals(BlockRegistry.REGISTERED, registry.register(address, 24, malloced()));
            }
            Collections.shuffle(addresses, new Random(round));
        }
        for (long address : addresses) {
            assertEquals(malloced(), registry.release(address, 24, SEGMENT));
        }
        for (long address : addresses.subList(0, 1000)) {
            assertThrows(IllegalStateException.class, () -> registry.release(address, 24, SEGMENT), "double free");
        }
        assertEquals(addresses.size() * 5L / 2, counters().get("allocations"));
        assertEquals(0, counters().get("live-bytes"));
    }

    /** Threads register, free their own blocks and each other's, while tables grow under them. */
    @Test
    @Timeout(60)
    void threadsRegisterAndFreeEachOthersBlocks() throws Exception {
        int threads = 4;
        ConcurrentLinkedQueue<long[]> handedOver = new ConcurrentLinkedQueue<>();
        AtomicInteger doubleFrees = new AtomicInteger();
        AtomicInteger frees = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long range = BASE + ((long) t << 32);
                int seed = t;
                tasks.add(executor.submit(() -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    List<long[]> mine = new ArrayList<>();
                    long next = range;
                    for (int i = 0; i < 300_000; i++) {
                        if (mine.size() < 5_000 && random.nextInt(3) != 0) {
                            long address = random.nextInt(4) == 0 && !mine.isEmpty() ? -1 : next;
                            if (address < 0) {
                                continue;
                            }
                            next += 16 * (1 + random.nextInt(8));
                            long size = random.nextInt(1 << 20);
                            assertEquals(BlockRegistry.REGISTERED, registry.register(address, size, malloced()));
                            mine.add(new long[] {address, size});
                        } else if (random.nextBoolean() && !mine.isEmpty()) {
                            handedOver.add(mine.remove(random.nextInt(mine.size())));
                        } else {
                            long[] block = handedOver.poll();
                            if (block == null && !mine.isEmpty()) {
                                block = mine.remove(mine.size() - 1);
                            }
                            if (block != null) {
                                registry.release(block[0], block[1], SEGMENT);
                                frees.incrementAndGet();
                                try {
                                    registry.release(block[0], block[1], SEGMENT);
                                } catch (IllegalStateException | IllegalArgumentException expected) {
                                    doubleFrees.incrementAndGet();
                                }
                            }
                        }
                    }
                    handedOver.addAll(mine);
                    return null;
                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        } finally {
            executor.shutdownNow();
        }
        for (long[] block = handedOver.poll(); block != null; block = handedOver.poll()) {
            registry.release(block[0], block[1], SEGMENT);
        }
        Map<String, Long> counters = counters();
        assertEquals(counters.get("allocations"), counters.get("frees"), counters::toString);
        assertEquals(0, counters.get("live-bytes"), counters::toString);
        assertEquals(frees.get(), doubleFrees.get(), "every second free was refused");
    }

    /**
     * Close racing with registration: every block is given back exactly once, by close (visited) or by its
     * registering thread (told {@link BlockRegistry#REFUSED}); pinned blocks stay live.
     */
    @Test
    @Timeout(60)
    void closeRacingWithRegistrationGivesEveryBlockBackOnce() throws Exception {
        for (int trial = 0; trial < 20; trial++) {
            BlockRegistry racing = new BlockRegistry();
            ConcurrentHashMap<Long, String> givenBack = new ConcurrentHashMap<>();
            ConcurrentLinkedQueue<Long> registered = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Long> pinned = new ConcurrentLinkedQueue<>();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                long range = BASE + ((long) t << 32);
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < 20_000; i++) {
                        long address = range + i * 16L;
                        boolean pin = i % 10 == 0;
                        int result = racing.register(address, 8, BlockInfo.malloced(0, pin ? BlockInfo.BY_ADDRESS : SEGMENT));
                        if (result == BlockRegistry.REFUSED && givenBack.put(address, "registrar") != null) {
                            throw new AssertionError("given back twice: " + address);
                        }
                        if (result == BlockRegistry.REGISTERED) {
                            (pin ? pinned : registered).add(address);
                        }
                    }
                }));
            }
            start.countDown();
            Thread.sleep(trial % 5);
            racing.releaseAllButPinned((address, requested, info) -> {
                assertTrue(!BlockInfo.isPinned(info), "pinned blocks outlive close");
                if (givenBack.put(address, "close") != null) {
                    throw new AssertionError("given back twice: " + address);
                }
            });
            assertEquals(BlockRegistry.REFUSED, racing.register(BASE - 4096, 8, malloced()), "closed for good");
            for (Thread thread : threads) {
                thread.join();
            }
            for (long address : registered) {
                assertTrue(givenBack.containsKey(address), "a registered block was given back by close");
            }
            for (long address : pinned) {
                racing.release(address, 8, BlockInfo.BY_ADDRESS); // still live, still freeable
            }
        }
    }
}
