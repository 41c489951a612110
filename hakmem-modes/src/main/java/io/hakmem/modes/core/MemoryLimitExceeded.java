package io.hakmem.modes.core;

/**
 * A request would take the memory hakmem holds past {@code hakmem.max-bytes}. The allocator catches it, has the
 * pools, the cache and the batch give back what they hold, and tries once more; what reaches the caller names the
 * limit.
 */
final class MemoryLimitExceeded extends OutOfMemoryError {
    MemoryLimitExceeded(String message) {
        super(message);
    }
}
