package io.hakmem.bigcache;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** BigCache let a block go downstream (to the batch, or munmap). */
@Name("io.hakmem.bigcache.Eviction")
@Label("BigCache Eviction")
@Category({"hakmem", "BigCache"})
@Description("A cached large block was evicted: over the cap (least recently freed first) or by a trim")
@StackTrace(false)
final class EvictionEvent extends Event {
    @Label("Site")
    int site;

    @Label("Capacity")
    @DataAmount
    long capacity;

    @Label("Reason")
    @Description("cap or trim")
    String reason;

    static void emit(int site, long capacity, String reason) {
        EvictionEvent event = new EvictionEvent();
        if (event.isEnabled()) {
            event.site = site;
            event.capacity = capacity;
            event.reason = reason;
            event.commit();
        }
    }
}
