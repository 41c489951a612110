package io.hakmem.netty;

/**
 * What both direct buffer variants do with the block they were built over. Netty takes a buffer given to its
 * constructor as not its own to free, so the buffer frees it: after the first resize that replaced it (Netty has
 * copied out of it by then) or when the buffer is released without one. Blocks a resize makes are Netty's to free,
 * through their {@code clean()}.
 */
final class InitialBlock {

    private InitialBlock() {
    }

    /**
     * Frees {@code block} if there is one. The caller clears its field first: a free that throws
     * {@link io.hakmem.spi.OsException} has freed the block, which must be neither used nor freed again.
     */
    static void free(HakmemBlock block) {
        if (block != null) {
            block.clean();
        }
    }
}
