package io.hakmem.spi;

/**
 * Chooses, per site, the size at or above which a request takes the mapped large-block path (ELO).
 * Called once per allocation that the small tier did not serve, before the allocation it governs: it
 * reads the site's current decision (a field), and may count the request; it never decides on the path.
 */
public interface ThresholdSelector extends AllocatorPart {

    /** The threshold for a request of {@code bytes} at {@code site} (0 is the default site). */
    long threshold(int site, long bytes);

    /** Site {@code site} was created with {@code name} (site 0 is "default"); off the hot path. */
    default void siteNamed(int site, String name) {
    }
}
