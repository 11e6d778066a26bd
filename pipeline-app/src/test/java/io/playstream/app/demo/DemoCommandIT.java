package io.playstream.app.demo;

import static io.playstream.app.testing.SimulatorCounts.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.playstream.app.cli.PlaystreamCommand;
import io.playstream.app.testing.SimulatorCounts;
import io.playstream.generate.ListenerSimulator;
import io.playstream.generate.SimulatorConfig;
import io.playstream.warehouse.Warehouse;
import io.playstream.warehouse.Warehouses;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
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
        // the test has no terminal, as CI and `demo > file` have none: progress bars would go to stderr
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream realErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = cli.execute("demo", "--events", String.valueOf(EVENTS), "--seed", String.valueOf(SEED),
                    "--days", String.valueOf(DAYS), "--until", UNTIL.toString(), "--partitions", "3",
                    "--data-dir", dir.toString());
        } finally {
            System.setErr(realErr);
        }

        assertThat(status).as(out.toString()).isZero();
        assertThat(out.toString()).contains("[4/4] transform").contains("Top songs").contains("Where to look next");
        assertThat(out.toString().lines().filter(line -> line.startsWith("["))).as("one plain line per stage")
                .hasSize(4).allMatch(line -> line.matches("\\[\\d/4] (publish|sink|load|transform) +\\S.* in \\d+\\.\\d s"));
        assertThat(out.toString() + err.toString(StandardCharsets.UTF_8)).as("no progress bar drawn")
                .doesNotContain("\r").doesNotContainPattern("\\d+% \\[");

        SimulatorCounts expected = fromSimulator();
        long duplicates = EVENTS - expected.distinctEvents();
        assertThat(duplicates).isPositive();
        assertThat(out.toString()).contains(String.format(Locale.ROOT, "Events: %,d sent, %,d in bronze; %,d distinct in silver and gold; "
                + "%,d duplicates the simulator sent on purpose", EVENTS, EVENTS, expected.distinctEvents(), duplicates))
                .doesNotContain("not accounted for");
        // the runner's artifacts stay in the data folder, never in a source tree
        assertThat(dir.resolve("dbt-target/run_results.json")).isRegularFile();
        assertThat(out.toString()).contains(dir.resolve("dbt-target").toString());
        try (Warehouse warehouse = Warehouses.open("duckdb:" + dir.toAbsolutePath()
                .resolve("warehouse.duckdb"), Map.of());
                Connection connection = warehouse.connect();
                Statement sql = connection.createStatement()) {
            assertThat(single(sql, "select count(*) from bronze.spotify_events")).isEqualTo(EVENTS);
            expected.assertWarehouseMatches(sql);
            try (ResultSet top = sql.executeQuery("select song_id, skip_rate from gold.top_songs where rank = 1")) {
                top.next();
                String song = top.getString(1);
                long plays = expected.playsPerSong().get(song);
                long skips = expected.skipsPerSong().getOrDefault(song, 0L);
                assertThat(top.getDouble(2)).isCloseTo((double) skips / (plays + skips), within(0.0001));
            }
        }
    }

    /** Counts from the simulator's stream alone: duplicates (same event id) counted once. */
    private static SimulatorCounts fromSimulator() {
        SimulatorConfig config = SimulatorConfig.builder().seed(SEED).events(EVENTS)
                .timeRange(UNTIL.minus(Duration.ofDays(DAYS)), UNTIL).build();
        SimulatorCounts expected = new SimulatorCounts();
        ListenerSimulator.create(config).iterator().forEachRemaining(expected::add);
        return expected;
    }
}
