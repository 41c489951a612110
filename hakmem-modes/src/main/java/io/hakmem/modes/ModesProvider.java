package io.hakmem.modes;

import io.hakmem.Hakmem;
import io.hakmem.spi.HakmemProvider;
import io.hakmem.spi.HakmemRequest;

/** What {@code Hakmem.create} finds: composes an allocator from the process's configuration. */
public final class ModesProvider implements HakmemProvider {

    @Override
    public Hakmem create(HakmemRequest request) {
        return Composer.compose(request, Environment.system(), ModesProvider.class.getClassLoader()).allocator();
    }
}
