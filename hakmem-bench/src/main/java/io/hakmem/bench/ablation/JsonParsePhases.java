package io.hakmem.bench.ablation;

import java.util.Locale;

/**
 * Where a json-parse document's time goes, for one subject: the parse (every allocation, the parsing and the writes
 * into the blocks) and the free of the whole tree, timed apart, averaged over each hundred documents, one subject a
 * JVM. The parse phase is mostly the scenario's own work, the same for every subject, so allocators are compared by
 * the difference of their phases; the {@code floor} subject shows about what that work is, though its parse phase
 * moves from JVM to JVM more than the allocators' do.
 *
 * <pre>java --enable-native-access=ALL-UNNAMED -Xmx4g -Xms768m -XX:+AlwaysPreTouch -cp benchmarks.jar \
 *     io.hakmem.bench.ablation.JsonParsePhases SUBJECT SECONDS [DOCUMENT-BYTES]</pre>
 *
 * A smaller document than the scenario's 2 MB one keeps every block in cache, which tells instructions from misses.
 */
public final class JsonParsePhases {
    private static final int REPORT_EVERY = 100;

    private JsonParsePhases() {
    }

    public static void main(String[] args) {
        if (args.length < 2 || args[0].equals("jemalloc")) {
            throw new IllegalArgumentException("usage: JsonParsePhases SUBJECT SECONDS [DOCUMENT-BYTES], SUBJECT a "
                    + "hakmem-<step>, glibc, mimalloc, arena, netty or floor (jemalloc needs an LD_PRELOAD only the "
                    + "ablation sets)");
        }
        String name = args[0];
        long end = System.nanoTime() + Long.parseLong(args[1]) * 1_000_000_000L;
        byte[] document = args.length > 2 ? JsonDocument.generate(2026, Integer.parseInt(args[2])) : JsonParse.DOCUMENT;
        try (Subject subject = CellRunner.open(name, null)) {
            OffHeapJsonParser parser = new OffHeapJsonParser(subject.site(JsonParse.SITE));
            long parseNanos = 0;
            long freeNanos = 0;
            for (int documents = 1; System.nanoTime() < end; documents++) {
                long start = System.nanoTime();
                parser.parse(document);
                long parsed = System.nanoTime();
                parser.freeAll();
                parseNanos += parsed - start;
                freeNanos += System.nanoTime() - parsed;
                if (documents % REPORT_EVERY == 0) {
                    System.out.printf(Locale.ROOT, "%s, documents %d to %d: parse %.3f ms, free %.3f ms a document%n",
                            name, documents - REPORT_EVERY + 1, documents, parseNanos / 1e6 / REPORT_EVERY,
                            freeNanos / 1e6 / REPORT_EVERY);
                    parseNanos = 0;
                    freeNanos = 0;
                }
            }
            subject.counters().forEach((counter, value) -> System.out.println(counter + " = " + value));
        }
    }
}
