package io.hakmem.bench.ablation;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The command lines of {@code ./hakmem ablation}
 * ({@code [--quick] [--forks N] [--scenarios a,b] [--steps x,y] [--peers p,q] [--out DIR] [--record DIR]}) and of
 * {@code ./hakmem replay TRACE} (the same but {@code --scenarios} and {@code --record}: its one scenario is the trace).
 *
 * @param forks  child JVMs per cell, run in rounds over every subject; a cell reports its median fork
 * @param record where hakmem cells record their traces, or null
 */
record Options(boolean quick, int forks, List<String> scenarios, List<String> steps, List<String> peers, Path out,
               Path record) {
    static final int MAX_FORKS = 25;
    static final List<String> PEERS = List.of("glibc", "mimalloc", "jemalloc", "arena", "netty");
    /** What {@code --peers} may name: the peers, and the floor, which is no allocator and in no default run. */
    static final List<String> NAMEABLE_PEERS = Stream.concat(PEERS.stream(), Stream.of(FloorSubject.NAME)).toList();

    static final String USAGE = """
            usage: ./hakmem ablation [--quick] [--forks N] [--scenarios LIST] [--steps LIST] [--peers LIST] [--out DIR]
                                     [--record DIR]
              --quick      short cells (under 3 minutes on 2 cores, N times that with --forks N)
              --forks      child JVMs per cell (default 1), in rounds over all subjects so that a slow spell of the
                           machine falls on every subject alike; each cell reports its median fork (of an even N,
                           the worse middle one); every fork goes to forks.csv. Not with --record
              --scenarios  json,mir,vm,mixed,tiny-hot,cold-churn,json-parse,larson (default: all)
              --steps      minimal,bigcache,batch,midpool,balanced,fast,learning,research
                           (default: all but research; bigcache = MINIMAL+BigCache, batch = MINIMAL+BigCache+Batch,
                           midpool = MINIMAL+BigCache+Batch+MidPool)
              --peers      glibc,mimalloc,jemalloc,arena,netty (default: all; "none" for none), and floor (by name
                           only): not an allocator, each block the next slice of one touched segment, so its column
                           is what a single-thread scenario costs with next to no allocator under it
              --out        results directory (default: results/<timestamp>)
              --record     each hakmem cell also records its trace into DIR as <scenario>.<step>.hktrace, for
                           ./hakmem replay (recording slows those cells: compare with a run without it)
            """;

    static final String REPLAY_USAGE = """
            usage: ./hakmem replay TRACE [--quick] [--forks N] [--steps LIST] [--peers LIST] [--out DIR]
              TRACE        a trace recorded with -Dhakmem.trace.out=FILE (or ./hakmem ablation --record DIR)
              --quick      short cells
              --forks      child JVMs per cell (default 1), in rounds; each cell reports its median fork (forks.csv: all)
              --steps      minimal,bigcache,batch,midpool,balanced,fast,learning,research (default: all but research)
              --peers      glibc,mimalloc,jemalloc,arena,netty (default: all; "none" for none), and floor (by name
                           only): not an allocator, each block the next slice of one touched segment, so its column
                           is what a single-thread scenario costs with next to no allocator under it
              --out        results directory (default: results/replay-<timestamp>)
            """;

    static Options parse(String[] args) {
        return parse(args, false);
    }

    /** {@code ./hakmem replay}'s: the trace is the one scenario, as {@code trace:<absolute path>}. */
    static Options parseReplay(String[] args) {
        return parse(args, true);
    }

    private static Options parse(String[] args, boolean replay) {
        String usage = replay ? REPLAY_USAGE : USAGE;
        boolean quick = false;
        int forks = 1;
        List<String> scenarios = replay ? List.of() : Scenarios.ALL;
        List<String> steps = Step.DEFAULT;
        List<String> peers = PEERS;
        Path out = null;
        Path record = null;
        for (int i = 0; i < args.length; i++) {
            if (replay && (args[i].equals("--scenarios") || args[i].equals("--record"))) {
                throw new IllegalArgumentException("A replay has one scenario, its trace, and records nothing\n"
                        + usage);
            }
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--forks" -> forks = count(args, ++i, usage);
                case "--scenarios" -> scenarios = list(args, ++i, Scenarios.ALL, usage);
                case "--steps" -> steps = list(args, ++i, Step.ALL.stream().map(Step::name).toList(), usage);
                case "--peers" -> peers = list(args, ++i, NAMEABLE_PEERS, usage);
                case "--out" -> out = Path.of(value(args, ++i, usage));
                case "--record" -> record = Path.of(value(args, ++i, usage));
                case "-h", "--help" -> throw new IllegalArgumentException(usage);
                default -> {
                    if (!replay || args[i].startsWith("-") || !scenarios.isEmpty()) {
                        throw new IllegalArgumentException("Unknown option " + args[i] + "\n" + usage);
                    }
                    scenarios = List.of(TraceReplay.PREFIX + Path.of(args[i]).toAbsolutePath());
                }
            }
        }
        if (record != null && forks > 1) {
            throw new IllegalArgumentException("--record slows the cells it records: record in a run of one fork, "
                    + "measure with --forks in another\n" + usage);
        }
        if (replay && scenarios.isEmpty()) {
            throw new IllegalArgumentException("Which trace?\n" + usage);
        }
        if (out == null) {
            out = Path.of("results", (replay ? "replay-" : "")
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        }
        return new Options(quick, forks, scenarios, steps, peers, out, record);
    }

    private static int count(String[] args, int i, String usage) {
        String value = value(args, i, usage);
        try {
            int count = Integer.parseInt(value);
            if (count >= 1 && count <= MAX_FORKS) {
                return count;
            }
        } catch (NumberFormatException e) {
            // refused below, with the usage
        }
        throw new IllegalArgumentException("--forks takes a whole number from 1 to " + MAX_FORKS + ", not '" + value
                + "'\n" + usage);
    }

    private static String value(String[] args, int i, String usage) {
        if (i >= args.length) {
            throw new IllegalArgumentException("Option " + args[i - 1] + " needs a value\n" + usage);
        }
        return args[i];
    }

    private static List<String> list(String[] args, int i, List<String> allowed, String usage) {
        String value = value(args, i, usage);
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

    /** The trace a replay replays. */
    Path trace() {
        return Path.of(scenarios.getFirst().substring(TraceReplay.PREFIX.length()));
    }
}
