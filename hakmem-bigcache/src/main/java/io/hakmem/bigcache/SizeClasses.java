package io.hakmem.bigcache;

import io.hakmem.spi.Settings;

import java.util.Arrays;

/**
 * The capacities blocks are mapped at: a request takes the smallest class that holds it, so a freed block
 * fits any later request of its class. Above the largest class, a request is page-rounded and not cached.
 * Eight classes are scanned in a few compares; no table to keep in sync.
 */
final class SizeClasses {
    private final long[] capacities;
    private final long pageSize;

    private SizeClasses(long[] capacities, long pageSize) {
        this.capacities = capacities;
        this.pageSize = pageSize;
    }

    /**
     * @throws io.hakmem.ConfigurationException when a class is not a multiple of this machine's page size
     */
    static SizeClasses of(long[] capacities, long pageSize) {
        for (long capacity : capacities) {
            if (capacity % pageSize != 0) {
                throw Settings.bad("bigcache.classes", Arrays.toString(capacities),
                        "multiples of this machine's page size, " + pageSize + " bytes");
            }
        }
        return new SizeClasses(capacities.clone(), pageSize);
    }

    int count() {
        return capacities.length;
    }

    long capacity(int index) {
        return capacities[index];
    }

    /** The class capacity for {@code bytes}, or {@code bytes} page-rounded above the largest class. */
    long capacityFor(long bytes) {
        long[] classes = capacities;
        for (long capacity : classes) {
            if (bytes <= capacity) {
                return capacity;
            }
        }
        return (bytes + pageSize - 1) & -pageSize;
    }

    /** The index of the class of exactly {@code capacity}, or -1 (not a cacheable capacity). */
    int indexOf(long capacity) {
        long[] classes = capacities;
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] >= capacity) {
                return classes[i] == capacity ? i : -1;
            }
        }
        return -1;
    }
}
