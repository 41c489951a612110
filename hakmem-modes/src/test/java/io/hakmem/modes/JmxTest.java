package io.hakmem.modes;

import io.hakmem.Hakmem;
import io.hakmem.HakmemMXBean;
import io.hakmem.Mode;
import org.junit.jupiter.api.Test;

import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every open allocator is an MXBean: its counters and trim(), from create to close. */
class JmxTest {
    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    private static Set<ObjectName> registered() throws Exception {
        return SERVER.queryNames(new ObjectName("io.hakmem:type=Hakmem,*"), null);
    }

    @Test
    void anOpenAllocatorShowsItsCountersAndTrimsOverJmx() throws Exception {
        Set<ObjectName> before = registered();
        try (Hakmem hakmem = Hakmem.builder().mode(Mode.BALANCED).set("idle-release.delay", "0").build()) {
            Set<ObjectName> names = registered();
            names.removeAll(before);
            assertEquals(1, names.size(), names::toString);
            ObjectName name = names.iterator().next();
            assertTrue(name.getKeyProperty("name").startsWith("balanced-"), name::toString);
            HakmemMXBean bean = JMX.newMXBeanProxy(SERVER, name, HakmemMXBean.class);
            assertEquals("balanced", bean.getMode());

            MemorySegment small = hakmem.allocate(100);
            MemorySegment large = hakmem.allocate(3 << 20);
            assertEquals(2, bean.getLiveBlocks());
            assertEquals(3 * 1024 * 1024 + 100, bean.getLiveBytes());
            assertTrue(bean.getCounters().get("tinypool.hits") >= 1, () -> bean.getCounters().toString());
            // The pools' 20 GiB of address space is reserved, not held: a dashboard tells the two apart.
            assertTrue(bean.getReservedBytes() > 19L << 30, () -> "reserved " + bean.getReservedBytes());
            assertTrue(bean.getMappedBytes() < 64L << 20, () -> "mapped " + bean.getMappedBytes());
            assertEquals(0, bean.getMaxBytes(), "no limit set");
            hakmem.free(large);
            assertTrue(bean.getCounters().get("bigcache.bytes") > 0, "the freed block is cached");
            bean.trim();
            assertEquals(0, bean.getCounters().get("bigcache.bytes"), "trim over JMX emptied the cache");
            hakmem.free(small);
            assertTrue(SERVER.isRegistered(name));
            hakmem.close();
            assertFalse(SERVER.isRegistered(name), "close unregisters");
        }
    }

    @Test
    void aLearningAllocatorSavesItsProfileOnDemand(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("learned.conf");
        Set<ObjectName> before = registered();
        try (Hakmem learning = Hakmem.builder().mode(Mode.LEARNING).set("elo.profile-out", file.toString())
                .set("idle-release.delay", "0").build();
             Hakmem frozen = Hakmem.builder().mode(Mode.BALANCED).build()) {
            Set<ObjectName> names = registered();
            names.removeAll(before);
            for (ObjectName name : names) {
                HakmemMXBean bean = JMX.newMXBeanProxy(SERVER, name, HakmemMXBean.class);
                if (bean.getMode().equals("learning")) {
                    learning.free(learning.allocate(3 << 20));
                    assertEquals(file.toAbsolutePath().toString(), bean.saveProfile());
                    assertTrue(java.nio.file.Files.exists(file));
                } else {
                    org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class, bean::saveProfile);
                }
            }
            assertEquals(2, names.size());
        }
    }

    @Test
    void jmxCanBeTurnedOff() throws Exception {
        Set<ObjectName> before = registered();
        try (Hakmem hakmem = Hakmem.builder().mode(Mode.MINIMAL).set("jmx", "false").build()) {
            assertEquals(before, registered());
            hakmem.free(hakmem.allocate(10));
        }
    }
}
