package io.hakmem.modes.core;

/** Everything from malloc: the large-mmap kill-switch is off. */
final class MallocRoute implements Route {
    private final MallocBlocks malloc;
    private final BlockRegistry registry;

    MallocRoute(MallocBlocks malloc, BlockRegistry registry) {
        this.malloc = malloc;
        this.registry = registry;
    }

    @Override
    public long allocate(long bytes, long alignment, int site) {
        return malloc.allocate(bytes, alignment, site, 0);
    }

    @Override
    public long allocateForArena(long bytes, long alignment) {
        return malloc.allocate(bytes, alignment, 0, BlockInfo.ARENA);
    }

    @Override
    public void free(long address, long bytes) {
        registry.release(address, bytes);
        malloc.free(address);
    }
}
