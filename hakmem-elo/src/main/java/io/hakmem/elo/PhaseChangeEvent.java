package io.hakmem.elo;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** A site's lifecycle moved (LEARN, FROZEN, CANARY) or a canary challenger was promoted. */
@Name("io.hakmem.elo.PhaseChange")
@Label("ELO Phase Change")
@Category({"hakmem", "ELO"})
@Description("A site's strategy lifecycle moved, or a canary challenger was promoted")
final class PhaseChangeEvent extends Event {
    @Label("Site")
    String site;

    @Label("From")
    String from;

    @Label("To")
    String to;

    @Label("Threshold")
    @Description("The large-block threshold the site runs from now on")
    @DataAmount
    long threshold;

    @Label("Reason")
    String reason;

    static void emit(String site, Phase from, Phase to, long threshold, String reason) {
        PhaseChangeEvent event = new PhaseChangeEvent();
        if (event.isEnabled()) {
            event.site = site;
            event.from = from.name();
            event.to = to.name();
            event.threshold = threshold;
            event.reason = reason;
            event.commit();
        }
    }
}
