/**
 * Apache Arrow on hakmem: every {@code ArrowBuf} of a {@code RootAllocator} built here is a block of a
 * {@link io.hakmem.Hakmem}, taken by address ({@code allocateAddress}, 64-byte aligned as Arrow's format
 * recommends) from the allocator's site {@code arrow} and freed when Arrow releases its last reference.
 *
 * <pre>
 *  RootAllocator (Arrow: accounting, limits, child allocators, ledgers, reference counts)
 *       | Factory.create(allocator, size)          one manager per buffer Arrow allocates
 *       v
 *  HakmemAllocationManager  address = site.allocateAddress(size, 64)   getSize() = size
 *       | release0()                               the last reference is gone, on any thread
 *       v
 *  hakmem.freeAddress(address, size)
 * </pre>
 *
 * <p>Lifecycle: Arrow reads and writes buffers by raw address, so a closed {@code Hakmem} must not take their
 * memory away. It does not: blocks handed out by address stay mapped after {@code Hakmem.close()} until Arrow
 * releases them, and the release works after close too. A closed allocator refuses new buffers
 * ({@link IllegalStateException}). Arrow's own accounting ({@code getAllocatedMemory()}, the leak check of
 * {@code close()}) is untouched; hakmem's leak detection sees a buffer never released as a block of site
 * {@code arrow} still live at close.
 */
package io.hakmem.arrow;
