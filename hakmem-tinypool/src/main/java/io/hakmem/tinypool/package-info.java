/**
 * TinyPool (feature {@code tinypool}): thread-local size-class pools for blocks of 16 B to 1 KiB, the seed's
 * step 5 and the FAST preset's reason to exist.
 *
 * <h2>Layout</h2>
 * One address-space reservation ({@code hakmem.tinypool.reserve}, 4 GiB by default, committed 2 MiB at a time)
 * carved into 64 KiB slabs of one size class each. A slab's metadata - two bitmaps, the requested size of each
 * block (2 bytes a block, so that a slice is refused) and a few counters - lives on the Java heap, never in
 * the blocks: the pool neither reads nor writes a block, so a use after free
 * cannot corrupt it and nothing it does can fault the JVM.
 *
 * <h2>Paths</h2>
 * <ul>
 * <li>Allocate: thread heap (direct-mapped by thread id) &rarr; current slab of the class &rarr; first free
 *     bit of the cursor word. No lock, no atomic, no Java allocation.</li>
 * <li>Free by the owning thread: clear the bit, after checking it was set (double free) and not freed
 *     remotely already.</li>
 * <li>Free by another thread: one atomic OR into the slab's remote bitmap (a second OR of the same bit is a
 *     double free), and on the first one since the owner last looked, a push of the slab onto the owner's
 *     remote stack. The owner folds remote bits in when its current slab runs out.</li>
 * <li>Refill and flush move whole slabs: a heap takes a partly free slab of its own, else one from the
 *     shared level (64 shards, the thread's own first), else carves a fresh one; it gives empty slabs back
 *     to its shard. Empty slabs beyond {@code hakmem.tinypool.retain} (8 MiB) give their pages back to the
 *     OS - through the batch ({@code Reclaimer.discard}) when it is on, else MADV_DONTNEED at once.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * A platform thread gets a private heap on its first allocation. When a thread dies its slabs go to its
 * shard (when the next thread registers, when the region runs out, and on {@code trim()} and idle
 * release), so blocks it handed to others can still be freed and its free blocks serve others. Virtual
 * threads get no private heap: they allocate from their shard's heap under its lock, and all their frees
 * take the remote path, so thousands of short-lived virtual threads hold nothing.
 *
 * <h2>Validation</h2>
 * A free must name a whole handed-out block (address in a carved slab, on a block boundary, the size that was
 * asked for); a second free of a block is refused whichever threads make the two frees, as
 * long as they are ordered (a double free racing with itself on two threads is a data race the pool does not
 * promise to catch), and as long as the block was not handed out again in between (then the second free
 * frees the new owner's block, as with any allocator without per-block generations).
 */
package io.hakmem.tinypool;
