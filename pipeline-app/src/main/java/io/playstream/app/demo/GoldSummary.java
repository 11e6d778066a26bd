package io.playstream.app.demo;

import io.playstream.PlaystreamException;
import io.playstream.warehouse.Warehouse;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What gold says after a run: headline numbers, the top songs with their skip rate, and engagement
 * by device and by country. Read from the gold tables themselves, as a report would.
 *
 * @param account      what became of every event sent
 * @param silverEvents distinct valid events in silver
 * @param listeners    distinct listeners
 * @param totals       plays, skips, pauses and playlist adds over all songs
 * @param topSongs     the five most played songs
 * @param devices      engagement per device type
 * @param countries    the five countries with the most events
 */
public record GoldSummary(EventAccount account, long silverEvents, long listeners, Map<String, Object> totals,
        List<Map<String, Object>> topSongs, List<Map<String, Object>> devices, List<Map<String, Object>> countries) {

    static GoldSummary read(Warehouse warehouse, long sent, long deadLetters) {
        try (Connection connection = warehouse.connect(); Statement sql = connection.createStatement()) {
            return new GoldSummary(EventAccount.read(sql, sent, deadLetters),
                    single(sql, "select count(*) from silver.stg_events"),
                    single(sql, "select count(distinct user_id) from gold.user_engagement"),
                    rows(sql, "select sum(plays) as plays, sum(skips) as skips, sum(pauses) as pauses,"
                            + " sum(playlist_adds) as playlist_adds from gold.top_songs").get(0),
                    rows(sql, "select rank, song_name, artist_name, plays, skip_rate, unique_listeners"
                            + " from gold.top_songs order by rank limit 5"),
                    rows(sql, "select device_type, events, plays, skip_rate, unique_users"
                            + " from gold.engagement_by_device order by events desc"),
                    rows(sql, "select country, events, plays, skip_rate, unique_users"
                            + " from gold.engagement_by_country order by events desc limit 5"));
        } catch (SQLException e) {
            throw PlaystreamException.permanent("cannot read the gold summary from " + warehouse.describe() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Prints the summary as a person reads it on a terminal. */
    public void print(PrintWriter out) {
        account.print(out);
        out.printf(Locale.ROOT, "%nGold: %,d events from %,d listeners; plays %,d, skips %,d, pauses %,d, playlist adds %,d%n",
                silverEvents, listeners, number(totals.get("plays")), number(totals.get("skips")),
                number(totals.get("pauses")), number(totals.get("playlist_adds")));
        out.println("\nTop songs                                   plays   skip rate  listeners");
        for (Map<String, Object> song : topSongs) {
            String title = song.get("song_name") + " - " + song.get("artist_name");
            out.printf(Locale.ROOT, "%2s. %-38.38s %8d %10.1f%% %10d%n", song.get("rank"), title,
                    number(song.get("plays")), percent(song.get("skip_rate")), number(song.get("unique_listeners")));
        }
        printEngagement(out, "Device", "device_type", devices);
        printEngagement(out, "Country", "country", countries);
        out.flush();
    }

    private static void printEngagement(PrintWriter out, String title, String key, List<Map<String, Object>> rows) {
        out.printf(Locale.ROOT, "%n%-12s %10s %10s %10s %10s%n", title, "events", "plays", "skip rate", "listeners");
        for (Map<String, Object> row : rows) {
            out.printf(Locale.ROOT, "%-12.12s %10d %10d %9.1f%% %10d%n", row.get(key), number(row.get("events")),
                    number(row.get("plays")), percent(row.get("skip_rate")), number(row.get("unique_users")));
        }
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static double percent(Object ratio) {
        return ratio == null ? 0 : ((Number) ratio).doubleValue() * 100;
    }

    static long single(Statement sql, String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<Map<String, Object>> rows(Statement sql, String query) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (ResultSet rs = sql.executeQuery(query)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT),
                            value instanceof BigDecimal decimal ? decimal.doubleValue() : value);
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
