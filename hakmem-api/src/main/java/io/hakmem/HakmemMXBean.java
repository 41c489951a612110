package io.hakmem;

import java.util.Map;

/**
 * What an allocator shows over JMX: every open {@link Hakmem} registers one under
 * {@code io.hakmem:type=Hakmem,name=<mode>-<n>} (unless {@code hakmem.jmx = false}) and unregisters it on
 * close. Read with any JMX client (JConsole, VisualVM, jcmd), or in code through
 * {@code JMX.newMXBeanProxy(server, name, HakmemMXBean.class)}.
 */
public interface HakmemMXBean {

    /** The preset, in configuration spelling ({@code balanced}). */
    String getMode();

    /** Every counter of {@link Hakmem#stats()}, by name. */
    Map<String, Long> getCounters();

    /** Blocks handed out and not yet freed. */
    long getLiveBlocks();

    /** Bytes requested by the live blocks. */
    long getLiveBytes();

    /** Bytes the OS made readable and writable for hakmem (mapped blocks, the pools' committed memory). */
    long getMappedBytes();

    /** Address space reserved for the pools and not committed: nothing charged, nothing resident. */
    long getReservedBytes();

    /** What counts against {@code hakmem.max-bytes}; 0 when no limit is set. */
    long getHeldBytes();

    /** {@code hakmem.max-bytes}; 0 for no limit. */
    long getMaxBytes();

    /** Resident set size of the process, in bytes. */
    long getResidentBytes();

    /** {@link Hakmem#trim()}: gives cached memory back to the OS now. */
    void trim();

    /**
     * Writes what ELO learned (per site: strategy and ratings) to {@code hakmem.elo.profile-out} now, and
     * returns the file's path; {@code hakmem.elo.profile = <that path>} runs any preset FROZEN on it.
     *
     * @throws UnsupportedOperationException when this allocator does not learn (ELO off or frozen)
     */
    String saveProfile();
}
