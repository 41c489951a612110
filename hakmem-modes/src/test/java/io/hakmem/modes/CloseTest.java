package io.hakmem.modes;

import io.hakmem.Hakmem;
import io.hakmem.HakmemStats;
import io.hakmem.Mode;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.Pipe;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.hakmem.modes.AllocatorContract.assertPattern;
import static io.hakmem.modes.AllocatorContract.fillWithPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Closing an allocator that is still in use: never a crash, clear exceptions, everything back to the OS. */
class CloseTest {
    /** What allocate and free tell a thread racing with close: the check on entry, or the registry's refusal. */
    static final Set<String> CLOSED = Set.of("This Hakmem (BALANCED) is closed", "This Hakmem is closed");
    /** What the JDK tells it when it writes into a block whose scope close ended. */
    static final String SCOPE_CLOSED = "Already closed";

    private final FaultInjectingOs os = new FaultInjectingOs();

    private Hakmem balancedOn(FaultInjectingOs os) {
        return Compositions.with().mode(Mode.BALANCED).set("idle-release.delay", "20ms").os(os).compose().allocator();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aCloseWhileASegmentIsInUseByIOIsRefusedAndLeavesTheAllocatorOpen() throws Exception {
        Hakmem hakmem = balancedOn(os);
        MemorySegment buffer = hakmem.allocate(64, 8);
        Pipe pipe = Pipe.open();
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                pipe.source().read(buffer.asByteBuffer()); // holds the segment's scope until data comes
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        while (!inNativeRead(reader)) { // the JDK holds the buffer's scope from before the native read on
            Thread.sleep(1);
        }
        IllegalStateException refused = assertThrows(IllegalStateException.class, hakmem::close);
        assertTrue(refused.getMessage().contains("in use"), refused.getMessage());
        MemorySegment more = hakmem.allocate(100, 8); // still open: it allocates, frees and counts
        hakmem.free(more);
        assertEquals(2, hakmem.stats().get(HakmemStats.ALLOCATIONS));
        pipe.sink().write(java.nio.ByteBuffer.wrap(new byte[] {42}));
        reader.join();
        pipe.sink().close();
        pipe.source().close();
        hakmem.close(); // now it can
        assertEquals(0, os.counter("os.mapped-bytes"), "every mapping went back once close could run");
        assertEquals(0, os.mallocedBlocks.get(), "every malloc'd block went back");
    }

    @Test
    void anAllocatorThatFailsToComeUpGivesBackWhatItsPartsReserved() {
        os.failAddressSpace.set(1); // after the pools reserved their regions
        IllegalStateException failed = assertThrows(IllegalStateException.class, () -> balancedOn(os));
        assertTrue(failed.getMessage().contains("(injected)"), failed.getMessage());
        assertEquals(2, os.unreserved.get(), "both pools gave their reservations back");
        try (Hakmem hakmem = balancedOn(os)) { // the next one comes up
            hakmem.free(hakmem.allocate(100, 8));
        }
    }

    private static boolean inNativeRead(Thread reader) {
        for (StackTraceElement frame : reader.getStackTrace()) {
            if (frame.isNativeMethod() && frame.getMethodName().startsWith("read")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void anOpenArenaOutlivesItsAllocatorAndFreesItsBlocksWhenItCloses() {
        Hakmem hakmem = balancedOn(os);
        Arena arena = hakmem.newArena();
        List<MemorySegment> blocks = new ArrayList<>();
        for (long size : new long[] {16, 1000, 64 << 10, 300 << 10, 3 << 20}) {
            MemorySegment block = arena.allocate(size, 16);
            fillWithPattern(block, size);
            blocks.add(block);
        }
        hakmem.close();
        for (MemorySegment block : blocks) {
            assertPattern(block, block.byteSize()); // still mapped: the arena has not let go
            block.set(ValueLayout.JAVA_BYTE, 0, (byte) 1);
        }
        assertThrows(IllegalStateException.class, () -> arena.allocate(64));
        arena.close();
        assertThrows(IllegalStateException.class, () -> blocks.getFirst().get(ValueLayout.JAVA_BYTE, 0));
        assertEquals(0, os.counter("os.mapped-bytes"), "every mapping went back");
        assertEquals(0, os.mallocedBlocks.get(), "every malloc'd block went back");
    }

    /** The race falls differently each time: every repetition is another chance to meet a wrong ending. */
    @RepeatedTest(10)
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void threadsAllocatingWhileTheAllocatorClosesGetIllegalStateExceptionsAndNothingLeaks() throws Exception {
        Hakmem hakmem = balancedOn(os);
        int threads = 4;
        CountDownLatch freeing = new CountDownLatch(threads); // each thread allocates and frees: its steady state
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> endings = new ConcurrentLinkedQueue<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long seed = t;
            workers.add(Thread.ofPlatform().start(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                List<MemorySegment> mine = new ArrayList<>();
                String step = "";
                try {
                    for (int i = 0; ; i++) {
                        long size = switch (random.nextInt(4)) {
                            case 0 -> 1 + random.nextInt(1024);
                            case 1 -> 1 + random.nextInt(200_000);
                            case 2 -> 256 * 1024 + random.nextInt(4 << 20);
                            default -> random.nextInt(64);
                        };
                        step = "allocate";
                        MemorySegment block = hakmem.allocate(size, 1L << random.nextInt(6));
                        step = "write";
                        block.fill((byte) i);
                        mine.add(block);
                        if (mine.size() > 8) {
                            step = "free";
                            hakmem.free(mine.remove(random.nextInt(mine.size())));
                            if (mine.size() == 8) {
                                freeing.countDown();
                            }
                        }
                    }
                } catch (IllegalStateException e) {
                    String message = String.valueOf(e.getMessage());
                    boolean told = step.equals("write") ? message.equals(SCOPE_CLOSED) : CLOSED.contains(message);
                    if (told) {
                        endings.add(step + ": " + e.getMessage());
                    } else {
                        unexpected.add(new AssertionError(step + " racing with close", e));
                    }
                } catch (Throwable failure) {
                    unexpected.add(failure);
                } finally {
                    freeing.countDown(); // one that failed early must not keep close waiting
                }
            }));
        }
        freeing.await();
        hakmem.close();
        for (Thread worker : workers) {
            worker.join();
        }
        assertTrue(unexpected.isEmpty(), () -> "only IllegalStateException saying it is closed may reach a racing "
                + "caller: " + unexpected);
        assertEquals(threads, endings.size(), endings::toString);
        assertEquals(0, os.counter("os.mapped-bytes"), "every mapping went back");
        assertEquals(0, os.mallocedBlocks.get(), "every malloc'd block went back");
        assertThrows(IllegalStateException.class, hakmem::stats);
    }

    @Test
    void statsBeforeCloseAccountForEveryBlock() {
        Hakmem hakmem = balancedOn(os);
        MemorySegment small = hakmem.allocate(100);
        MemorySegment large = hakmem.allocate(2 << 20);
        HakmemStats stats = hakmem.stats();
        assertEquals(2, stats.allocations() - stats.frees());
        hakmem.free(small);
        hakmem.free(large);
        hakmem.close();
        assertEquals(0, os.counter("os.mapped-bytes"));
        assertEquals(0, os.mallocedBlocks.get());
    }
}
