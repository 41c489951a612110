package io.hakmem.modes.core;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A leak found by leak detection: a block (or an arena's blocks) nobody will free. */
@Name("io.hakmem.Leak")
@Label("hakmem Leak")
@Category("hakmem")
@Description("Blocks that were never freed: their segment or arena became unreachable, or they were live at close")
@StackTrace(false)
final class LeakEvent extends Event {
    @Label("Site")
    String site;

    @Label("Kind")
    @Description("unreachable, live-at-close, pinned-at-close (by address, kept until freed) or arena-unreachable")
    String kind;

    @Label("Blocks")
    long blocks;

    @Label("Bytes")
    @DataAmount
    long bytes;

    @Label("Allocated At")
    @Description("The allocation's stack trace (paranoid level only)")
    String allocatedAt;

    static void emit(String site, String kind, long blocks, long bytes, String allocatedAt) {
        LeakEvent event = new LeakEvent();
        if (event.isEnabled()) {
            event.site = site;
            event.kind = kind;
            event.blocks = blocks;
            event.bytes = bytes;
            event.allocatedAt = allocatedAt;
            event.commit();
        }
    }
}
