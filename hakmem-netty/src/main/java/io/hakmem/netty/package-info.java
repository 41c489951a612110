/**
 * Netty on hakmem: {@link io.hakmem.netty.HakmemByteBufAllocator}, a {@code ByteBufAllocator} whose direct buffers
 * are blocks of a {@link io.hakmem.Hakmem}, taken by address from its site {@code netty} and freed when Netty
 * releases the buffer, on whichever thread drops the last reference.
 *
 * <pre>
 *  directBuffer(initial, max)
 *     block = site.allocateAddress(initial, 16)          HakmemBlock: address, capacity, ByteBuffer over it
 *     Unsafe usable (PlatformDependent.hasUnsafe())?  HakmemUnsafeDirectByteBuf   (UnpooledUnsafeDirectByteBuf)
 *                                             else    HakmemDirectByteBuf         (UnpooledDirectByteBuf)
 *  capacity(n)   a new block, the bytes copied, the old block freed
 *  release()     refCnt 0: deallocate() frees the current block: hakmem.freeAddress
 * </pre>
 *
 * <p>The two variants are the classes Netty's own unpooled allocator makes, so code that checks a buffer's class
 * sees what it expects: Netty decides once per JVM whether it may use {@code sun.misc.Unsafe} (on JDK 24 and later
 * only with {@code --sun-misc-unsafe-memory-access=allow}). Netty's constructors allocate through a package-private
 * hook a subclass cannot reach, so each buffer is built over a block allocated first and owns it until its first
 * resize or its release. Heap buffers are Netty's unpooled heap buffers, counted.
 *
 * <p>Lifecycle: a closed {@code Hakmem} refuses new direct buffers ({@link IllegalStateException}); buffers made
 * before stay readable and writable until released, and the release frees them: blocks handed out by address
 * outlive the allocator's close.
 */
package io.hakmem.netty;
