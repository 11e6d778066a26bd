package io.playstream.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.playstream.app.cli.PlaystreamCommand;
import io.playstream.event.EventType;
import io.playstream.event.ListeningEvent;
import io.playstream.generate.ListenerSimulator;
import io.playstream.generate.SimulatorConfig;
import io.playstream.warehouse.Warehouse;
import io.playstream.warehouse.Warehouses;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The main job end to end, as a user runs it: {@code playstream demo} on embedded Kafka, the local
 * folder store and DuckDB; then every gold figure checked against counts taken straight from the
 * simulator's own stream (same seed, same history), without any of the pipeline's code.
 */
class DemoCommandIT {

    private static final long EVENTS = 20_000;
    private static final long SEED = 7;
    private static final Instant UNTIL = Instant.parse("2025-12-10T00:00:00Z");
    private static final int DAYS = 2;

    @TempDir
    Path dir;

    @Test
    void demoBuildsGoldThatEqualsTheSimulatorsOwnCounts() throws SQLException {
        StringWriter out = new StringWriter();
        CommandLine cli = PlaystreamCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        int status = cli.execute("demo", "--events", String.valueOf(EVENTS), "--seed", String.valueOf(SEED),
                "--days", String.valueOf(DAYS), "--until", UNTIL.toString(), "--partitions", "3",
                "--data-dir", dir.toString());

        assertThat(status).as(out.toString()).isZero();
        assertThat(out.toString()).contains("[4/4] transform").contains("Top songs").contains("Where to look next");

        Expected expected = Expected.fromSimulator();
        try (Warehouse warehouse = Warehouses.open("duckdb:" + dir.toAbsolutePath()
                .resolve("warehouse.duckdb"), Map.of());
                Connection connection = warehouse.connect();
                Statement sql = connection.createStatement()) {
            assertThat(single(sql, "select count(*) from bronze.spotify_events")).isEqualTo(EVENTS);
            assertThat(single(sql, "select count(*) from silver.stg_events")).isEqualTo(expected.distinctEvents);
            assertThat(single(sql, "select count(distinct user_id) from gold.user_engagement"))
                    .isEqualTo(expected.listeners.size());
            assertThat(perKey(sql, "select song_id, plays from gold.top_songs")).isEqualTo(expected.playsPerSong);
            assertThat(perKey(sql, "select song_id, skips from gold.top_songs")).isEqualTo(expected.skipsPerSong);
            assertThat(perKey(sql, "select device_type, events from gold.engagement_by_device"))
                    .isEqualTo(expected.eventsPerDevice);
            assertThat(perKey(sql, "select country, events from gold.engagement_by_country"))
                    .isEqualTo(expected.eventsPerCountry);
            try (ResultSet top = sql.executeQuery("select song_id, skip_rate from gold.top_songs where rank = 1")) {
                top.next();
                String song = top.getString(1);
                long plays = expected.playsPerSong.get(song);
                long skips = expected.skipsPerSong.getOrDefault(song, 0L);
                assertThat(top.getDouble(2)).isCloseTo((double) skips / (plays + skips), within(0.0001));
            }
        }
    }

    /** Counts from the simulator's stream alone: duplicates (same event id) counted once. */
    private static final class Expected {
        long distinctEvents;
        final Set<String> listeners = new HashSet<>();
        final Map<String, Long> playsPerSong = new HashMap<>();
        final Map<String, Long> skipsPerSong = new HashMap<>();
        final Map<String, Long> eventsPerDevice = new HashMap<>();
        final Map<String, Long> eventsPerCountry = new HashMap<>();

        static Expected fromSimulator() {
            SimulatorConfig config = SimulatorConfig.builder().seed(SEED).events(EVENTS)
                    .timeRange(UNTIL.minus(Duration.ofDays(DAYS)), UNTIL).build();
            Expected expected = new Expected();
            Set<String> seen = new HashSet<>();
            for (var it = ListenerSimulator.create(config).iterator(); it.hasNext(); ) {
                ListeningEvent event = it.next();
                if (!seen.add(event.eventId())) {
                    continue;
                }
                expected.distinctEvents++;
                expected.listeners.add(event.userId());
                expected.eventsPerDevice.merge(event.deviceType(), 1L, Long::sum);
                expected.eventsPerCountry.merge(event.country(), 1L, Long::sum);
                expected.playsPerSong.putIfAbsent(event.songId(), 0L);
                expected.skipsPerSong.putIfAbsent(event.songId(), 0L);
                if (event.eventType() == EventType.PLAY) {
                    expected.playsPerSong.merge(event.songId(), 1L, Long::sum);
                } else if (event.eventType() == EventType.SKIP) {
                    expected.skipsPerSong.merge(event.songId(), 1L, Long::sum);
                }
            }
            return expected;
        }
    }

    private static long single(Statement sql, String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Map<String, Long> perKey(Statement sql, String query) throws SQLException {
        Map<String, Long> values = new LinkedHashMap<>();
        try (ResultSet rs = sql.executeQuery(query)) {
            while (rs.next()) {
                values.put(rs.getString(1), rs.getLong(2));
            }
        }
        return values;
    }
}
