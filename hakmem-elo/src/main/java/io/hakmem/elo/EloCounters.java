package io.hakmem.elo;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Lifecycle events of all sites; bumped at round and window ends only (sampled requests are counted per site,
 * so that sites do not share a counter).
 */
final class EloCounters {
    /** LEARN and CANARY rounds completed (one cost measured, one rating update). */
    final AtomicLong rounds = new AtomicLong();
    /** Rounds rated together with the next one because their rating came too late (a descheduled rater). */
    final AtomicLong mergedRounds = new AtomicLong();
    final AtomicLong freezes = new AtomicLong();
    final AtomicLong relearns = new AtomicLong();
    final AtomicLong canaryWins = new AtomicLong();
    final AtomicLong canaryRollbacks = new AtomicLong();
}
