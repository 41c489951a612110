package io.hakmem.elo;

import io.hakmem.spi.CounterSink;
import io.hakmem.spi.OsMemory;
import io.hakmem.spi.PageFaults;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The memory term is what the allocator has mapped (its own counter), not the process's RSS. */
class ProbeTest {

    @Test
    void readsFaultsAndTheOsLayersMappedBytesNotTheResidentSet() {
        OsMemory os = (OsMemory) Proxy.newProxyInstance(OsMemory.class.getClassLoader(), new Class<?>[] {OsMemory.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "pageFaults" -> new PageFaults(40, 2);
                    case "report" -> {
                        CounterSink sink = (CounterSink) args[0];
                        sink.counter("os.mmap", 7);
                        sink.counter("os.mapped-bytes", 3L << 20);
                        yield null;
                    }
                    case "residentBytes" -> throw new AssertionError("no /proc read on the learning path");
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        Probe.Reading reading = Probe.of(os).read();
        assertEquals(42, reading.faults());
        assertEquals(3L << 20, reading.memory());
    }
}
