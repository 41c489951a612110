package io.hakmem.elo;

/**
 * What the allocation path reads for one site: the threshold in effect and how often to sample, alone on
 * their cache line (padded, as Agrona pads its counters), so that the slow path's writes to the learner's
 * state never invalidate it for the threads that only read. Written only when the decision changes (a round,
 * a phase), under the learner's lock.
 */
final class SiteDecision extends SiteDecisionFields {
    @SuppressWarnings("unused")
    private long p9, p10, p11, p12, p13, p14, p15, p16;

    /** The slow path of this site. */
    final SiteLearner learner;

    SiteDecision(SiteLearner learner) {
        this.learner = learner;
    }
}

/** Padding in front, so that no field of the object header's neighbours shares the line. */
abstract class SiteDecisionPadding {
    @SuppressWarnings("unused")
    private long p1, p2, p3, p4, p5, p6, p7, p8;
}

/** The two fields the allocation path reads, and the strategy's index for the sampled path. */
abstract class SiteDecisionFields extends SiteDecisionPadding {
    /** Requests at or above it are mapped. */
    volatile long threshold;
    /** 1 in this many learnable requests is sampled (the phase's rate). */
    volatile int sampleEvery;
    /** The strategy whose threshold is in effect; read on round boundaries only. */
    volatile int arm;
}
