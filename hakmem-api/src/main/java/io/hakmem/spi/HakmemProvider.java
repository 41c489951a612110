package io.hakmem.spi;

import io.hakmem.Hakmem;

/**
 * What {@link Hakmem#create} finds through {@link java.util.ServiceLoader}: the composition root
 * ({@code io.hakmem.modes} provides it).
 */
public interface HakmemProvider {

    /** Composes an allocator for {@code request}; called once per allocator. */
    Hakmem create(HakmemRequest request);
}
