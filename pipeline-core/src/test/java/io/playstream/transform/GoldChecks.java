package io.playstream.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.playstream.warehouse.Warehouse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** Gold rows read back in the shapes {@link GoldFromEvents} computes, to compare the two. */
final class GoldChecks {

    private GoldChecks() {
    }

    static List<String> sessions(Warehouse warehouse) throws Exception {
        return lines(warehouse, "select user_id, session_start_at, session_end_at, events, plays, skips from gold.listening_sessions");
    }

    static List<String> userEngagement(Warehouse warehouse) throws Exception {
        return lines(warehouse, "select user_id, event_date, device_type, country, events, plays, skips, playlist_adds, unique_songs"
                + " from gold.user_engagement");
    }

    /** Every session's length is its end minus its start, in seconds to the millisecond (decimal(18, 3)). */
    static void assertDurationsMatchStartAndEnd(Warehouse warehouse) throws Exception {
        try (Connection c = warehouse.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select session_start_at, session_end_at, session_duration_seconds from gold.listening_sessions")) {
            int sessions = 0;
            while (rs.next()) {
                LocalDateTime start = rs.getTimestamp(1).toLocalDateTime();
                LocalDateTime end = rs.getTimestamp(2).toLocalDateTime();
                double expected = Duration.between(start, end).toNanos() / 1e9;
                assertThat(rs.getBigDecimal(3).doubleValue()).isCloseTo(expected, within(0.0005));
                sessions++;
            }
            assertThat(sessions).isPositive();
        }
    }

    private static List<String> lines(Warehouse warehouse, String sql) throws Exception {
        try (Connection c = warehouse.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    Object value = rs.getObject(i);
                    values.add(value instanceof java.sql.Timestamp t ? t.toLocalDateTime().toString() : String.valueOf(value));
                }
                rows.add(String.join("|", values));
            }
            return rows;
        }
    }
}
