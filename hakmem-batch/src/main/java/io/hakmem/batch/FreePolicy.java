package io.hakmem.batch;

import io.hakmem.spi.Advice;

/**
 * What a flush does to each block, by {@code hakmem.free-policy}; chosen once, at compose. The rule is in the
 * package documentation. Called under the batch's lock.
 */
interface FreePolicy {

    /** The advice for a queued block of {@code capacity} at a flush at {@code now}; null keeps it as it is. */
    Advice atFlush(long capacity, long now);

    /** The advice for a discarded range at a flush; null for none. */
    Advice forDiscard();

    /** Whether a retained block freed at {@code freedAt} is cold at {@code now} (unmapped). */
    boolean isCold(long freedAt, long now);

    /** {@code reuse(capacity)} was called at {@code now}. */
    default void demanded(long capacity, long now) {
    }

    static FreePolicy of(BatchSettings settings) {
        long coldAfter = settings.coldAfter().toNanos();
        return switch (settings.freePolicy()) {
            case "keep" -> new Keep(coldAfter);
            case "adaptive" -> new Adaptive(settings.hotWindow().toNanos(), coldAfter);
            default -> new AdviseAll();
        };
    }

    /** Never advises; retained blocks go back to the OS only when cold or over the bounds. */
    record Keep(long coldAfter) implements FreePolicy {
        @Override
        public Advice atFlush(long capacity, long now) {
            return null;
        }

        @Override
        public Advice forDiscard() {
            return null;
        }

        @Override
        public boolean isCold(long freedAt, long now) {
            return now - freedAt >= coldAfter;
        }
    }

    /** Policy {@code batch}: everything queued is advised MADV_FREE at the flush; nothing is ever cold. */
    record AdviseAll() implements FreePolicy {
        @Override
        public Advice atFlush(long capacity, long now) {
            return Advice.FREE;
        }

        @Override
        public Advice forDiscard() {
            return Advice.FREE;
        }

        @Override
        public boolean isCold(long freedAt, long now) {
            return false;
        }
    }

    /** Thermal classes: hot kept, warm MADV_FREE, cold unmapped. */
    final class Adaptive implements FreePolicy {
        private final long hotWindow;
        private final long coldAfter;
        private final CapacityDemand demand;

        Adaptive(long hotWindow, long coldAfter) {
            this.hotWindow = hotWindow;
            this.coldAfter = coldAfter;
            this.demand = new CapacityDemand(hotWindow);
        }

        @Override
        public Advice atFlush(long capacity, long now) {
            return demand.askedWithin(capacity, now) ? null : Advice.FREE;
        }

        @Override
        public Advice forDiscard() {
            return Advice.FREE;
        }

        @Override
        public boolean isCold(long freedAt, long now) {
            return now - freedAt >= coldAfter;
        }

        @Override
        public void demanded(long capacity, long now) {
            demand.asked(capacity, now);
        }

        @Override
        public String toString() {
            return "Adaptive[hotWindow=" + hotWindow + " ns, coldAfter=" + coldAfter + " ns]";
        }
    }
}
