/**
 * Batch reclaim (feature {@code batch}): the {@link io.hakmem.spi.Reclaimer} of the large-block path.
 *
 * <pre>
 *  offer(block)      -&gt; queue (pending, not advised yet)      reuse(capacity): newest of exactly that
 *  discard(range)    -&gt; queue of ranges                         capacity, from the queue (its advice is
 *  flush             -&gt; advise per free policy -&gt; retained pool    cancelled) or else from the pool
 *                       (still mapped, reusable by capacity); cold or over-bound blocks -&gt; munmap
 * </pre>
 *
 * <h2>When a flush runs</h2>
 * When the queue reaches {@code hakmem.batch.flush-bytes} (8 MiB) or {@code flush-blocks} (256) — run by the
 * thread whose free crossed the mark, or skipped if another thread is already flushing (it looks again when
 * it is done) — and on {@code trim} and {@code close}. System calls run outside the batch's lock, on blocks
 * that are then in no list, so no other thread can be handed a block while it is being advised.
 *
 * <h2>The free policy ({@code hakmem.free-policy}), exactly</h2>
 * <table>
 *   <caption>What a flush does</caption>
 *   <tr><th>policy</th><th>a queued block at a flush</th><th>a retained block</th><th>a discarded range</th></tr>
 *   <tr><td>{@code keep}</td><td>no madvise: retained as it is, pages resident</td>
 *       <td>unmapped when cold or over the bounds</td><td>no madvise; {@code done} is called</td></tr>
 *   <tr><td>{@code batch}</td><td>MADV_FREE (MADV_DONTNEED where the kernel refuses MADV_FREE), retained</td>
 *       <td>unmapped when over the bounds</td><td>MADV_FREE (DONTNEED if refused), then {@code done}</td></tr>
 *   <tr><td>{@code adaptive}</td><td>HOT (its capacity was asked for by {@code reuse} within
 *       {@code hot-window}): retained as it is; WARM (any other): MADV_FREE (DONTNEED if refused)</td>
 *       <td>COLD (not reused for {@code cold-after} since it was freed): unmapped; also when over the bounds</td>
 *       <td>MADV_FREE (DONTNEED if refused), then {@code done}</td></tr>
 * </table>
 * The bounds are {@code max-retained-bytes} and {@code max-retained-blocks}; over them the oldest retained
 * blocks are unmapped. Cold and bounds are checked at every flush and trim, never by a timer of the batch's
 * own (the core's idle release calls {@code trim} when the allocator is idle).
 *
 * <p>{@code trim(keep)}: flushes, then keeps the most recently freed blocks up to {@code keep} bytes mapped
 * and unmaps every other one (so the resident set and {@code os.mapped-bytes} really drop: MADV_FREE'd pages
 * would stay resident until memory pressure); discarded ranges are advised MADV_DONTNEED whatever the policy,
 * then {@code done} is called. {@code close()}: every block is unmapped and every pending range's {@code done}
 * is called without advice (its owner unmaps it next).
 *
 * <p>An munmap the kernel refuses with ENOMEM (its map count, {@code vm.max_map_count}, would be exceeded by a
 * split) leaves the block mapped and whole: the failure is still thrown to the thread that flushed, and the
 * block goes back to the pool as the newest, reusable, to be unmapped again when it is next cold, over the
 * bounds or trimmed, rather than leaking its range. Any other refusal (EINVAL: not a mapping) is reported and
 * the range forgotten, since it may not be ours.
 *
 * <p>Counters: {@code batch.blocks-added}, {@code .discards}, {@code .flushes}, {@code .madvise} (calls),
 * {@code .madvise-refused} (MADV_FREE refused, DONTNEED used), {@code .munmaps}, {@code .munmaps-refused}
 * (ENOMEM, block kept), {@code .bytes-released} (advised or unmapped), {@code .kept} (left as they were at a
 * flush: keep, or adaptive's HOT), {@code .reused}, {@code .pending-bytes}, {@code .retained-bytes},
 * {@code .retained-blocks}.
 *
 * <p>A discarded range's {@code done} runs on the thread that flushed, after the range's advice, while that
 * thread holds the batch's flush lock but not its state lock: it may offer, reuse or discard again (a
 * discard then never flushes recursively), but must not call {@code trim} or {@code close}.
 */
package io.hakmem.batch;
