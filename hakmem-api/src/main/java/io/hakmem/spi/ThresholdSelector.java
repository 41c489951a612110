package io.hakmem.spi;

/**
 * Chooses, per site, the size at or above which a request takes the mapped large-block path (ELO).
 * Called on every allocation that the small tier did not serve: it reads a decision, it does not make one.
 */
public interface ThresholdSelector extends AllocatorPart {

    /** The current threshold for {@code site} (0 is the default site of plain {@code allocate}). */
    long threshold(int site);
}
