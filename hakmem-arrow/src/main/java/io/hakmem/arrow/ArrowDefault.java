package io.hakmem.arrow;

import org.apache.arrow.memory.AllocationManager;

import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;

/**
 * Arrow's process-wide default factory, which Arrow offers no public way to set: the private static field of
 * {@code DefaultAllocationManagerOption} that Arrow fills on first use and reads ever after.
 */
final class ArrowDefault {
    static final String OPTION_CLASS = "org.apache.arrow.memory.DefaultAllocationManagerOption";
    static final String FIELD = "DEFAULT_ALLOCATION_MANAGER_FACTORY";
    static final String ADD_OPENS = "--add-opens=org.apache.arrow.memory.core/org.apache.arrow.memory=io.hakmem.arrow";

    private ArrowDefault() {
    }

    /**
     * Sets the default to {@code factory} and returns the one it replaced (null when Arrow had not chosen yet).
     * Loads only the option class: Arrow's allocator classes must not load first, since their static initialiser
     * chooses a default of its own (and fails when none is on the class path).
     */
    static synchronized AllocationManager.Factory install(AllocationManager.Factory factory) {
        Field field = field();
        try {
            AllocationManager.Factory previous = (AllocationManager.Factory) field.get(null);
            field.set(null, factory);
            return previous;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot set Arrow's default allocation manager: " + e.getMessage(), e);
        }
    }

    private static Field field() {
        try {
            Field field = Class.forName(OPTION_CLASS, false, ArrowDefault.class.getClassLoader())
                    .getDeclaredField(FIELD);
            field.setAccessible(true);
            return field;
        } catch (InaccessibleObjectException e) {
            throw new IllegalStateException("Arrow's module does not open org.apache.arrow.memory to io.hakmem.arrow;"
                    + " run the JVM with " + ADD_OPENS, e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("This Arrow (" + OPTION_CLASS + "." + FIELD + ") is not the Arrow "
                    + "hakmem-arrow was built for (19.x): " + e, e);
        }
    }
}
