/**
 * MidPool (feature {@code midpool}): thread-local size-class pools for blocks above 1 KiB and below the large
 * threshold, eight classes per doubling. The pool itself is the engine in {@code io.hakmem.pool} (shared with
 * TinyPool); this module binds it to the {@code MidTier} seam with its settings ({@code hakmem.midpool.*}).
 */
package io.hakmem.midpool;
