package io.hakmem.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the benchmarks with every peer that can run here, side by side in one JMH run, and says which
 * peers it skipped and why (a library not installed, a hakmem preset whose feature modules have not
 * landed). Arguments are JMH's; an explicit {@code -p allocator=...} wins.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp hakmem-bench/target/benchmarks.jar io.hakmem.bench.Compare \
 *      -f 1 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 *
 * <p>{@code java -jar benchmarks.jar} (plain JMH) runs the {@code allocator} values of
 * {@link AllocatorBenchmark} instead; a peer among them that cannot run fails its own fork with a
 * {@code skipped: ...} message and JMH goes on with the others.
 */
public final class Compare {

    private Compare() {
    }

    public static void main(String[] args) throws Exception {
        List<String> jmhArgs = new ArrayList<>(List.of(args));
        if (!setsAllocator(jmhArgs)) {
            List<String> peers = Peers.available(System.out::println);
            System.out.println("peers: " + String.join(",", peers));
            jmhArgs.add("-p");
            jmhArgs.add("allocator=" + String.join(",", peers));
        }
        org.openjdk.jmh.Main.main(jmhArgs.toArray(String[]::new));
    }

    private static boolean setsAllocator(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("-pallocator=")
                    || arg.equals("-p") && i + 1 < args.size() && args.get(i + 1).startsWith("allocator=")) {
                return true;
            }
        }
        return false;
    }
}
