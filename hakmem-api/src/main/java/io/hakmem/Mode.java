package io.hakmem;

import java.util.Locale;

/**
 * The five presets. Each is a set of feature toggles and policies in
 * {@code reference.conf}; see the README's mode table.
 */
public enum Mode {
    /** Every feature off: system malloc, or mmap above the large threshold. The baseline. */
    MINIMAL,
    /** BigCache, batch reclaim and TinyPool; no learning. */
    FAST,
    /** The default: BigCache, batch reclaim, TinyPool and ELO frozen. */
    BALANCED,
    /** BigCache, batch reclaim and ELO learning (LEARN, then FROZEN). */
    LEARNING,
    /** Everything learning, THP on, verbose logging. For development. */
    RESEARCH;

    /** The lower-case name used in configuration ({@code hakmem.mode = balanced}). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
