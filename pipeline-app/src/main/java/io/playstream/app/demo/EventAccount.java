package io.playstream.app.demo;

import java.io.PrintWriter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What became of every event the demo sent, counted in the warehouse rather than assumed: a reader
 * who sees fewer events in gold than were sent learns that the simulator sends a share of events
 * twice on purpose and that silver keeps one copy, quarantining the others.
 *
 * @param sent        events the demo published to Kafka
 * @param deadLetters messages the sink refused (not events at all)
 * @param bronzeRows  rows in {@code bronze.spotify_events}
 * @param rejected    lines the loader refused ({@code bronze._rejected_lines})
 * @param silver      distinct valid events in {@code silver.stg_events}, what gold counts
 * @param quarantined rows in {@code silver.stg_events_quarantine} by reject reason
 */
public record EventAccount(long sent, long deadLetters, long bronzeRows, long rejected, long silver,
        Map<String, Long> quarantined) {

    static final String DUPLICATE = "duplicate_event_id";

    static EventAccount read(Statement sql, long sent, long deadLetters) throws SQLException {
        Map<String, Long> quarantined = new LinkedHashMap<>();
        try (ResultSet rs = sql.executeQuery("select reject_reason, count(*) from silver.stg_events_quarantine"
                + " group by reject_reason order by count(*) desc, reject_reason")) {
            while (rs.next()) {
                quarantined.put(rs.getString(1), rs.getLong(2));
            }
        }
        return new EventAccount(sent, deadLetters, GoldSummary.single(sql, "select count(*) from bronze.spotify_events"),
                GoldSummary.single(sql, "select count(*) from bronze._rejected_lines"),
                GoldSummary.single(sql, "select count(*) from silver.stg_events"), Map.copyOf(quarantined));
    }

    /** Events neither in silver nor in the quarantine, nor refused earlier: zero when every event is accounted for. */
    public long unaccounted() {
        long quarantinedRows = quarantined.values().stream().mapToLong(Long::longValue).sum();
        return sent - deadLetters - rejected - silver - quarantinedRows;
    }

    void print(PrintWriter out) {
        long duplicates = quarantined.getOrDefault(DUPLICATE, 0L);
        out.printf(Locale.ROOT, "%nEvents: %,d sent, %,d in bronze; %,d distinct in silver and gold", sent, bronzeRows, silver);
        if (duplicates > 0) {
            out.printf(Locale.ROOT, "; %,d duplicates the simulator sent on purpose (as clients resend on retry), quarantined as %s",
                    duplicates, DUPLICATE);
        }
        quarantined.forEach((reason, rows) -> {
            if (!reason.equals(DUPLICATE)) {
                out.printf(Locale.ROOT, "; %,d quarantined as %s", rows, reason);
            }
        });
        if (deadLetters > 0) {
            out.printf(Locale.ROOT, "; %,d dead letters", deadLetters);
        }
        if (rejected > 0) {
            out.printf(Locale.ROOT, "; %,d lines rejected by the load", rejected);
        }
        if (unaccounted() != 0) {
            out.printf(Locale.ROOT, "; %,d not accounted for (a batch the transform has not judged yet)", unaccounted());
        }
        out.println();
    }
}
