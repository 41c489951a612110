/**
 * TinyPool (feature {@code tinypool}): thread-local size-class pools for blocks of 16 B to 1 KiB. The pool itself
 * is the engine in {@code io.hakmem.pool} (shared with MidPool); this module binds it to the {@code SmallTier}
 * seam with its settings ({@code hakmem.tinypool.*}).
 */
package io.hakmem.tinypool;
