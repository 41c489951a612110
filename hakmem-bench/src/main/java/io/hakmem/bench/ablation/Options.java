package io.hakmem.bench.ablation;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line of {@code ./hakmem ablation}:
 * {@code [--quick] [--scenarios a,b] [--steps x,y] [--peers p,q] [--out DIR]}.
 */
record Options(boolean quick, List<String> scenarios, List<String> steps, List<String> peers, Path out) {
    static final List<String> PEERS = List.of("glibc", "mimalloc", "jemalloc", "arena", "netty");

    static final String USAGE = """
            usage: ./hakmem ablation [--quick] [--scenarios LIST] [--steps LIST] [--peers LIST] [--out DIR]
              --quick      short cells (under 3 minutes on 2 cores)
              --scenarios  json,mir,vm,mixed,tiny-hot,cold-churn,json-parse,larson (default: all)
              --steps      minimal,bigcache,batch,midpool,balanced,fast,learning,research
                           (default: all but research; bigcache = MINIMAL+BigCache, batch = MINIMAL+BigCache+Batch,
                           midpool = MINIMAL+BigCache+Batch+MidPool)
              --peers      glibc,mimalloc,jemalloc,arena,netty (default: all; "none" for none)
              --out        results directory (default: results/<timestamp>)
            """;

    static Options parse(String[] args) {
        boolean quick = false;
        List<String> scenarios = Scenarios.ALL;
        List<String> steps = Step.DEFAULT;
        List<String> peers = PEERS;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--scenarios" -> scenarios = list(args, ++i, Scenarios.ALL);
                case "--steps" -> steps = list(args, ++i, Step.ALL.stream().map(Step::name).toList());
                case "--peers" -> peers = list(args, ++i, PEERS);
                case "--out" -> out = Path.of(value(args, ++i));
                case "-h", "--help" -> throw new IllegalArgumentException(USAGE);
                default -> throw new IllegalArgumentException("Unknown option " + args[i] + "\n" + USAGE);
            }
        }
        if (out == null) {
            out = Path.of("results", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        }
        return new Options(quick, scenarios, steps, peers, out);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("Option " + args[i - 1] + " needs a value\n" + USAGE);
        }
        return args[i];
    }

    private static List<String> list(String[] args, int i, List<String> allowed) {
        String value = value(args, i);
        if (value.equals("none")) {
            return List.of();
        }
        List<String> items = new ArrayList<>(Arrays.asList(value.split(",")));
        for (String item : items) {
            if (!allowed.contains(item)) {
                throw new IllegalArgumentException("Unknown " + args[i - 1].substring(2) + " '" + item + "'; one of "
                        + String.join(",", allowed));
            }
        }
        return List.copyOf(items);
    }

    /** The subjects in matrix column order: the steps, then the peers. */
    List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        steps.forEach(step -> subjects.add("hakmem-" + step));
        subjects.addAll(peers);
        return subjects;
    }
}
