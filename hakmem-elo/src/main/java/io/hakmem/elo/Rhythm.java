package io.hakmem.elo;

/**
 * Where a site's round boundaries fall: at sample numbers {@code start + k * roundSamples}, k = 1, 2, ...; a
 * new rhythm (a new epoch) whenever the site changes phase or starts learning again. FROZEN has no rounds
 * ({@code roundSamples} 0). Immutable: the allocating threads read it from one volatile field.
 *
 * @param epoch        tells boundaries of an older rhythm apart
 * @param start        the sample number the rhythm started at
 * @param roundSamples samples per round, or 0
 */
record Rhythm(long epoch, long start, int roundSamples) {

    /** The round that sample {@code sample} ends, or 0 when it ends none. */
    long roundEndedBy(long sample) {
        if (roundSamples == 0) {
            return 0;
        }
        long offset = sample - start;
        return offset > 0 && offset % roundSamples == 0 ? offset / roundSamples : 0;
    }
}
