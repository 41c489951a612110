package io.hakmem.bigcache;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.hakmem.spi.Settings;

import java.util.List;

/** The {@code hakmem.bigcache} block, read once and validated. */
record BigCacheSettings(long[] classes, long maxBytes) {
    static final int MAX_CLASSES = 64;
    private static final String CLASSES = "bigcache.classes";

    static BigCacheSettings from(Config hakmem) {
        return new BigCacheSettings(classes(hakmem), Settings.bytes(hakmem, "bigcache.max-bytes"));
    }

    private static long[] classes(Config hakmem) {
        List<Long> sizes;
        try {
            sizes = hakmem.getBytesList(CLASSES);
        } catch (ConfigException e) {
            throw Settings.bad(CLASSES, String.valueOf(hakmem.getValue(CLASSES).unwrapped()), allowed());
        }
        if (sizes.isEmpty() || sizes.size() > MAX_CLASSES) {
            throw Settings.bad(CLASSES, sizes.toString(), allowed());
        }
        long[] classes = new long[sizes.size()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = sizes.get(i);
            if (classes[i] <= 0 || (classes[i] & 4095) != 0 || (i > 0 && classes[i] <= classes[i - 1])) {
                throw Settings.bad(CLASSES, sizes.toString(), allowed());
            }
        }
        return classes;
    }

    private static String allowed() {
        return "1 to " + MAX_CLASSES + " increasing sizes, each a multiple of the page size (4k), such as [512k, 1m, 2m]";
    }
}
