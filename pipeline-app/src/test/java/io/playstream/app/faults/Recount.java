package io.playstream.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The suite's verdict after the faults, counted from what the test sent ({@link SentLedger}) and
 * read from the warehouse ({@link WarehouseProbe}): every message in bronze exactly once (the
 * simulator's duplicate sends are messages of their own), every distinct event in silver once, gold
 * equal to the test's own counts.
 */
final class Recount {

    private Recount() {
    }

    static void assertExactlyOnce(SentLedger sent, WarehouseProbe probe, FaultFigures figures) throws SQLException {
        Map<String, Long> bronze = probe.bronzeRowsPerId();
        assertThat(bronze.values().stream().mapToLong(Long::longValue).sum()).as("bronze rows").isEqualTo(sent.messages());
        assertThat(bronze).as("bronze rows per event id").isEqualTo(sent.sendsPerId());
        assertThat(probe.silverIds()).as("silver's event ids").isEqualTo(sent.sendsPerId().keySet());
        try (Statement sql = probe.statement()) {
            sent.gold().assertWarehouseMatches(sql);
        }
        figures.note("bronze rows=%d (exactly the messages sent), silver rows=%d (exactly the distinct events), gold equal",
                sent.messages(), sent.distinctEvents());
    }
}
