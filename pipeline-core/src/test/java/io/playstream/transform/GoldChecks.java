package io.playstream.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.playstream.generate.Country;
import io.playstream.warehouse.Warehouse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /** The listening marts' rows in {@link ListeningFromEvents}' shapes. */
    static List<String> topSongs(Warehouse warehouse) throws Exception {
        return lines(warehouse, "select period_grain, period_start_date, song_id, plays, streams, listeners, listened_ms, skips,"
                + " early_skips, playlist_adds from gold.top_songs_by_period");
    }

    static List<String> topArtists(Warehouse warehouse) throws Exception {
        return lines(warehouse, "select period_grain, period_start_date, artist_name, plays, streams, listeners, songs, listened_ms,"
                + " skips, early_skips, playlist_adds from gold.top_artists_by_period");
    }

    static List<String> listeningTime(Warehouse warehouse) throws Exception {
        return lines(warehouse, "select period_grain, period_start_date, user_id, device_type, country, listened_ms, plays, streams,"
                + " skips, playlist_adds, events, active_days from gold.listening_time");
    }

    static List<String> heatmap(Warehouse warehouse) throws Exception {
        return lines(warehouse, "select clock, day_of_week, hour_of_day, events, plays, streams, listened_ms, skips from gold.activity_heatmap");
    }

    static List<String> segments(Warehouse warehouse) throws Exception {
        return lines(warehouse, "select segment_date, segment, listeners, streams from gold.listener_segments");
    }

    static List<String> retention(Warehouse warehouse) throws Exception {
        return lines(warehouse, "select cohort_week, active_week, week_number, cohort_listeners, active_listeners from gold.retention_cohorts");
    }

    static List<String> skipCurve(Warehouse warehouse) throws Exception {
        return lines(warehouse, "select device_type, bucket_start_seconds, skips from gold.skip_curve");
    }

    static List<String> discoveries(Warehouse warehouse) throws Exception {
        return lines(warehouse, "select period_grain, period_start_date, user_id, songs_played, songs_discovered from gold.listener_discoveries");
    }

    /** Every listening mart equals its recount from the events. */
    static void assertListeningMartsEqual(Warehouse warehouse, ListeningFromEvents expected) throws Exception {
        assertThat(topSongs(warehouse)).as("top_songs_by_period").isNotEmpty().containsExactlyInAnyOrderElementsOf(expected.topSongs());
        assertThat(topArtists(warehouse)).as("top_artists_by_period").containsExactlyInAnyOrderElementsOf(expected.topArtists());
        assertThat(listeningTime(warehouse)).as("listening_time").containsExactlyInAnyOrderElementsOf(expected.listeningTime());
        assertThat(heatmap(warehouse)).as("activity_heatmap").containsExactlyInAnyOrderElementsOf(expected.heatmap());
        assertThat(segments(warehouse)).as("listener_segments").containsExactlyInAnyOrderElementsOf(expected.segments());
        assertThat(retention(warehouse)).as("retention_cohorts").containsExactlyInAnyOrderElementsOf(expected.retention());
        assertThat(skipCurve(warehouse)).as("skip_curve").containsExactlyInAnyOrderElementsOf(expected.skipCurve());
        assertThat(discoveries(warehouse)).as("listener_discoveries").containsExactlyInAnyOrderElementsOf(expected.discoveries());
        // the events hold both kinds of play, and local clocks that differ from UTC
        assertThat(lines(warehouse, "select count(*) from gold.top_songs_by_period"
                + " where period_grain = 'all_time' and streams > 0 and streams < plays")).doesNotContain("0");
        List<String> cells = heatmap(warehouse);
        assertThat(cells.stream().filter(row -> row.startsWith("local|")).map(row -> row.substring("local".length())).sorted().toList())
                .isNotEqualTo(cells.stream().filter(row -> row.startsWith("utc|")).map(row -> row.substring("utc".length())).sorted().toList());
    }

    /**
     * The warehouse's country -> time zone mapping, checked against the simulator's markets: every
     * market has a zone whose standard offset is the one the simulator gives it.
     */
    static Map<String, ZoneId> timeZones(Warehouse warehouse) throws Exception {
        Map<String, ZoneId> zones = new HashMap<>();
        for (String row : lines(warehouse, "select country, time_zone from silver.country_time_zones")) {
            String[] parts = row.split("\\|");
            zones.put(parts[0], ZoneId.of(parts[1]));
        }
        Instant winter = Instant.parse("2026-01-15T00:00:00Z");
        for (Country market : Country.MARKETS) {
            assertThat(zones).as(market.code()).containsKey(market.code());
            assertThat(zones.get(market.code()).getRules().getStandardOffset(winter).getTotalSeconds() / 60)
                    .as(market.code()).isEqualTo(market.utcOffsetMinutes());
        }
        return zones;
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
