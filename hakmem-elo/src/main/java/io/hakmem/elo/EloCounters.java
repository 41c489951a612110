package io.hakmem.elo;

import java.util.concurrent.atomic.AtomicLong;

/** Lifecycle events of all sites; bumped at round and window ends only. */
final class EloCounters {
    final AtomicLong rounds = new AtomicLong();
    final AtomicLong freezes = new AtomicLong();
    final AtomicLong relearns = new AtomicLong();
    final AtomicLong canaryWins = new AtomicLong();
    final AtomicLong canaryRollbacks = new AtomicLong();
}
