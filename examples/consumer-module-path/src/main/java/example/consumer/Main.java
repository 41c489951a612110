package example.consumer;

import io.hakmem.Hakmem;
import io.hakmem.HakmemStats;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Allocates a small, a mid-sized and a large block and an arena's worth, frees them all, and prints the counters. */
public final class Main {

    public static void main(String[] args) {
        try (Hakmem hakmem = Hakmem.create()) {                     // the configured preset, BALANCED by default
            MemorySegment small = hakmem.allocate(64, 8);
            MemorySegment mid = hakmem.allocate(16 * 1024, 64);
            MemorySegment large = hakmem.allocate(1 << 20, 4096);
            small.set(ValueLayout.JAVA_LONG, 0, 1);
            mid.set(ValueLayout.JAVA_LONG, mid.byteSize() - 8, 2);
            large.set(ValueLayout.JAVA_LONG, large.byteSize() - 8, 3);
            long sum = small.get(ValueLayout.JAVA_LONG, 0) + mid.get(ValueLayout.JAVA_LONG, mid.byteSize() - 8)
                    + large.get(ValueLayout.JAVA_LONG, large.byteSize() - 8);
            hakmem.free(small);
            hakmem.free(mid);
            hakmem.free(large);
            try (Arena arena = hakmem.newArena()) {
                sum += arena.allocateFrom(ValueLayout.JAVA_INT, 4, 5).getAtIndex(ValueLayout.JAVA_INT, 1);
            }

            HakmemStats stats = hakmem.stats();
            Module app = Main.class.getModule();
            System.out.println("module path: " + app.getName() + " uses " + Hakmem.class.getModule().getName()
                    + ", reads Guice " + reads(app, "com.google.guice") + ", reads Config " + reads(app, "typesafe.config"));
            System.out.println("mode " + hakmem.mode() + ", sum " + sum + ", allocations " + stats.allocations()
                    + ", frees " + stats.frees() + ", live bytes " + stats.liveBytes());
            System.out.println("tiny pool hits " + stats.get("tinypool.hits") + ", mid pool hits "
                    + stats.get("midpool.hits") + ", large blocks mapped " + stats.get("path.mapped") + ", cached "
                    + stats.get("bigcache.inserts"));
            System.out.println("from the OS: " + stats.mappedBytes() + " bytes mapped, " + stats.reservedBytes()
                    + " reserved, " + stats.residentBytes() + " resident");   // every counter: System.out.println(stats)
        }
    }

    private static boolean reads(Module app, String name) {
        return app.getLayer().findModule(name).map(app::canRead).orElse(false);
    }
}
