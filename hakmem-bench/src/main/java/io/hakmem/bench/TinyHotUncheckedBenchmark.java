package io.hakmem.bench;

import org.openjdk.jmh.annotations.Fork;

/**
 * tiny-hot with TinyPool's free validation switched off, to measure what the check costs beside
 * {@link TinyHotBenchmark} in the same run. Only the hakmem rows mean anything here (run it with
 * {@code -p allocator=hakmem-fast}); never a setting for production.
 */
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dhakmembench.tinypool.unchecked-frees=true"})
public class TinyHotUncheckedBenchmark extends TinyHotBenchmark {
}
