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
    public long allocate(long bytes, long alignment, int site, long kind) {
        return malloc.allocate(bytes, alignment, site, kind);
    }

    @Override
    public void free(long address, long bytes, long kind) {
        registry.release(address, bytes, kind);
        malloc.free(address, bytes);
    }
}
