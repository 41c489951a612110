package io.hakmem.elo;

/**
 * A round boundary, read by the thread whose sample it was, without a lock: the probe, the clock and the
 * strategy in effect at that moment. Two boundaries of one rhythm delimit a round of exactly the samples
 * between them, whenever the lock holder gets to rate it.
 *
 * @param epoch   the {@link Rhythm} it belongs to
 * @param round   k: the round it ends
 * @param sample  its sample number
 * @param arm     the strategy the round that ends here ran (the one in effect at its end)
 */
record Boundary(long epoch, long round, long sample, Probe.Reading reading, long nanos, int arm) {
}
