package io.hakmem.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;


/**
 * The large-block scenarios: one operation allocates a block, writes one byte per 4 KiB page (so a
 * fresh mapping faults every page in) and frees it. json 64 KiB, mir 256 KiB, vm 2 MiB, and mixed (the
 * three in turn, one per operation). Each size is allocated through a call site of its own name (hakmem's
 * {@code Site}; the other peers have none), so ELO learns and reports a decision per site
 * ({@code elo.site.<json|mir|vm>.threshold@end} in the {@code measured} line). hakmem maps blocks at or above 256 KiB (mir, vm); MINIMAL pays mmap,
 * a fault per page and munmap every time, BigCache (FAST, BALANCED, ...) keeps them mapped. glibc keeps
 * freed memory in its heap once it has raised its mmap threshold; the arena zeroes every block.
 */
@State(Scope.Thread) // modes, iterations and forks: AllocatorBenchmark
public class LargeBlocksBenchmark extends AllocatorBenchmark {

    @Param({"json", "mir", "vm", "mixed"})
    public String scenario;

    private static final String[] SITES = {"json", "mir", "vm"};
    private static final long[] SITE_SIZES = {64 << 10, 256 << 10, 2 << 20};

    private long[] sizes;
    private String[] sites;
    /** The peer per size, through the call site of its scenario (json, mir, vm): learned per site. */
    private BenchAllocator[] bySize;
    private int next;

    @Setup(Level.Trial)
    public void chooseSizes() {
        int[] chosen = switch (scenario) {
            case "json" -> new int[] {0};
            case "mir" -> new int[] {1};
            case "vm" -> new int[] {2};
            case "mixed" -> new int[] {0, 1, 2};
            default -> throw new IllegalArgumentException("Unknown scenario '" + scenario + "'; json, mir, vm or mixed");
        };
        sizes = new long[chosen.length];
        sites = new String[chosen.length];
        for (int i = 0; i < chosen.length; i++) {
            sizes[i] = SITE_SIZES[chosen[i]];
            sites[i] = SITES[chosen[i]];
        }
    }

    /** After the trial's setups (the peer is open); once. */
    @Setup(Level.Iteration)
    public void bindSites() {
        if (bySize == null) {
            bySize = new BenchAllocator[sites.length];
            for (int i = 0; i < sites.length; i++) {
                bySize[i] = peer.site(sites[i]);
            }
        }
    }

    @Benchmark
    public long allocateTouchFree() {
        long[] all = sizes;
        int i = next;
        next = i + 1 == all.length ? 0 : i + 1;
        operations++;
        return bySize[i].allocateTouchFree(all[i], PAGE_SIZE);
    }
}
