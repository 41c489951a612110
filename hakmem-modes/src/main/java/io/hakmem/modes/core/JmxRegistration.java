package io.hakmem.modes.core;

import io.hakmem.Hakmem;
import io.hakmem.HakmemMXBean;
import io.hakmem.HakmemStats;
import io.hakmem.spi.ProfileWriter;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One allocator's MXBean in the platform MBean server, from create to close. A registration that fails
 * (no management module, a security manager, a name clash) is logged, never fatal: the allocator works
 * without it.
 */
final class JmxRegistration {
    private static final System.Logger LOG = System.getLogger("io.hakmem");
    private static final AtomicLong NEXT = new AtomicLong();
    static final JmxRegistration NONE = new JmxRegistration(null);

    private final ObjectName name;

    private JmxRegistration(ObjectName name) {
        this.name = name;
    }

    /** @param learner the part that can write a learned profile, or null */
    static JmxRegistration register(Hakmem hakmem, ProfileWriter learner) {
        String mode = hakmem.mode().configName();
        try {
            ObjectName name = new ObjectName("io.hakmem:type=Hakmem,name=" + mode + "-" + NEXT.incrementAndGet());
            ManagementFactory.getPlatformMBeanServer()
                    .registerMBean(new StandardMBean(new View(hakmem, learner), HakmemMXBean.class, true), name);
            return new JmxRegistration(name);
        } catch (JMException | RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "hakmem " + mode + ": no MXBean (" + e + "); the allocator works without it");
            return NONE;
        }
    }

    ObjectName name() {
        return name;
    }

    void unregister() {
        if (name == null) {
            return;
        }
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (JMException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "hakmem: could not unregister " + name + ": " + e);
        }
    }

    /** The MXBean: a view of the allocator's stats, read when asked. */
    private record View(Hakmem hakmem, ProfileWriter learner) implements HakmemMXBean {
        @Override
        public String getMode() {
            return hakmem.mode().configName();
        }

        @Override
        public Map<String, Long> getCounters() {
            return hakmem.stats().counters();
        }

        @Override
        public long getLiveBlocks() {
            HakmemStats stats = hakmem.stats();
            return stats.allocations() - stats.frees();
        }

        @Override
        public long getLiveBytes() {
            return hakmem.stats().liveBytes();
        }

        @Override
        public long getMappedBytes() {
            return hakmem.stats().mappedBytes();
        }

        @Override
        public long getReservedBytes() {
            return hakmem.stats().reservedBytes();
        }

        @Override
        public long getHeldBytes() {
            return hakmem.stats().get(HakmemStats.HELD_BYTES);
        }

        @Override
        public long getMaxBytes() {
            return hakmem.stats().get(HakmemStats.MAX_BYTES);
        }

        @Override
        public long getResidentBytes() {
            return hakmem.stats().residentBytes();
        }

        @Override
        public void trim() {
            hakmem.trim();
        }

        @Override
        public String saveProfile() {
            if (learner == null) {
                throw new UnsupportedOperationException("This allocator (" + getMode() + ") learns nothing: ELO is off "
                        + "or frozen, so there is no profile to save");
            }
            return learner.saveProfile().toString();
        }
    }
}
