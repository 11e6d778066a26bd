package io.playstream.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.event.EventType;
import io.playstream.event.ListeningEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Gold figures counted straight from the events a test sent, without any of the pipeline's code:
 * a duplicate send (same event id) counts once, as silver keeps each event once.
 */
public final class SimulatorCounts {

    private final Set<String> seen = new HashSet<>();
    private final Set<String> listeners = new HashSet<>();
    private final Map<String, Long> playsPerSong = new HashMap<>();
    private final Map<String, Long> skipsPerSong = new HashMap<>();
    private final Map<String, Long> eventsPerDevice = new HashMap<>();
    private final Map<String, Long> eventsPerCountry = new HashMap<>();

    /** Counts {@code event} unless its id was counted already; true when it was new. */
    public boolean add(ListeningEvent event) {
        if (!seen.add(event.eventId())) {
            return false;
        }
        listeners.add(event.userId());
        eventsPerDevice.merge(event.deviceType(), 1L, Long::sum);
        eventsPerCountry.merge(event.country(), 1L, Long::sum);
        playsPerSong.putIfAbsent(event.songId(), 0L);
        skipsPerSong.putIfAbsent(event.songId(), 0L);
        if (event.eventType() == EventType.PLAY) {
            playsPerSong.merge(event.songId(), 1L, Long::sum);
        } else if (event.eventType() == EventType.SKIP) {
            skipsPerSong.merge(event.songId(), 1L, Long::sum);
        }
        return true;
    }

    public long distinctEvents() {
        return seen.size();
    }

    /** The distinct event ids counted. */
    public Set<String> eventIds() {
        return seen;
    }

    public Map<String, Long> playsPerSong() {
        return playsPerSong;
    }

    public Map<String, Long> skipsPerSong() {
        return skipsPerSong;
    }

    /** Asserts that silver and gold in the warehouse behind {@code sql} equal these counts. */
    public void assertWarehouseMatches(Statement sql) throws SQLException {
        assertThat(single(sql, "select count(*) from silver.stg_events")).isEqualTo(distinctEvents());
        assertThat(single(sql, "select count(distinct user_id) from gold.user_engagement")).isEqualTo(listeners.size());
        assertThat(perKey(sql, "select song_id, plays from gold.top_songs")).isEqualTo(playsPerSong);
        assertThat(perKey(sql, "select song_id, skips from gold.top_songs")).isEqualTo(skipsPerSong);
        assertThat(perKey(sql, "select device_type, events from gold.engagement_by_device")).isEqualTo(eventsPerDevice);
        assertThat(perKey(sql, "select country, events from gold.engagement_by_country")).isEqualTo(eventsPerCountry);
    }

    public static long single(Statement sql, String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public static Map<String, Long> perKey(Statement sql, String query) throws SQLException {
        Map<String, Long> values = new LinkedHashMap<>();
        try (ResultSet rs = sql.executeQuery(query)) {
            while (rs.next()) {
                values.put(rs.getString(1), rs.getLong(2));
            }
        }
        return values;
    }
}
