package io.hakmem.tinypool;

import com.typesafe.config.Config;
import io.hakmem.ConfigurationException;
import io.hakmem.spi.Settings;

/**
 * TinyPool's settings ({@code hakmem.tinypool} in this module's reference.conf), read once.
 *
 * @param reserveBytes address space reserved for small blocks (a multiple of 2 MiB, at least 2 MiB)
 * @param retainBytes  bytes of empty slabs kept resident for reuse before their pages go back to the OS
 */
record TinyPoolSettings(long reserveBytes, long retainBytes) {
    static TinyPoolSettings from(Config hakmem) {
        long reserve = Settings.bytes(hakmem, "tinypool.reserve");
        if (reserve < Region.COMMIT_BYTES || reserve % Region.COMMIT_BYTES != 0 || (reserve >>> Slab.SHIFT) > Integer.MAX_VALUE) {
            throw new ConfigurationException("Bad configuration: hakmem.tinypool.reserve = '" + reserve
                    + "'; allowed: a multiple of 2m, at least 2m, such as 4g");
        }
        return new TinyPoolSettings(reserve, Settings.bytes(hakmem, "tinypool.retain"));
    }
}
