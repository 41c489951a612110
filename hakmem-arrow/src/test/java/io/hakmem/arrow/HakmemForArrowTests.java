package io.hakmem.arrow;

import io.hakmem.Hakmem;
import io.hakmem.Mode;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Makes hakmem Arrow's default allocation manager before any test class loads, so that Arrow's own tests
 * ({@code new RootAllocator(limit)} everywhere) run on it. Registered in {@code META-INF/services}; the launcher
 * may open several sessions in one JVM (discovery, execution), so it installs once and never closes the allocator:
 * Arrow's tests leave a few buffers unreleased on purpose, and the JVM's exit takes them.
 * {@link ArrowTestsRanOnHakmemTest}, run last, proves the install took.
 */
@SuppressWarnings("exports") // public for ServiceLoader; JUnit's launcher is on the class path
public final class HakmemForArrowTests implements LauncherSessionListener {
    private static volatile HakmemAllocationManagerFactory factory;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        install();
    }

    static synchronized HakmemAllocationManagerFactory install() {
        if (factory == null) {
            factory = HakmemArrow.installAsDefault(Hakmem.create(Mode.BALANCED));
        }
        return factory;
    }

    /** The factory Arrow's default allocators use in this JVM. */
    static HakmemAllocationManagerFactory factory() {
        return install();
    }
}
