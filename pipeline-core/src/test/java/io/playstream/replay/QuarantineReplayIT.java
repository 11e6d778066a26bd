package io.playstream.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.stream.Gzip;
import io.playstream.testing.ScratchPostgres;
import io.playstream.transform.RunSummary;
import io.playstream.transform.TransformOptions;
import io.playstream.transform.TransformRunner;
import io.playstream.warehouse.BronzeLoader;
import io.playstream.warehouse.Warehouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay of the quarantine on PostgreSQL with the real project and runner. A widening is staged
 * through the project's own vars: silver is first built with {@code earliest_event_at} in July
 * 2025 (June's events are quarantined as {@code timestamp_out_of_range}), then replayed with the
 * project's default (2000), under which they pass.
 */
class QuarantineReplayIT {

    static final String NARROW = "{earliest_event_at: '2025-07-01 00:00:00'}";

    @TempDir
    Path dir;

    ScratchPostgres database;
    Warehouse warehouse;
    final List<String> log = new ArrayList<>();

    @BeforeEach
    void loadBronzeAndBuildUnderTheNarrowerRules() {
        database = ScratchPostgres.create("replay_quarantine");
        warehouse = database.warehouse();
        FileSystemObjectStore store = new FileSystemObjectStore(dir.resolve("bucket"));
        String lines = String.join("\n",
                event("e1", "u1", "2025-06-01T10:00:00Z"),
                event("e2", "u1", "2025-06-01T10:01:00Z"),
                event("e3", "u2", "2025-06-01T10:02:00Z"),
                event("e4", "u2", "2025-12-10T15:00:00Z"),
                event("e5", "", "2025-12-10T15:01:00Z"),
                event("e4", "u2", "2025-12-10T15:00:00Z"),
                event("e1", "u1", "2025-06-01T10:00:00Z")) + "\n";
        store.put("bronze/date=2025-12-10/hour=15/spotify-events+0+0000000000000000000.jsonl.gz",
                Gzip.compress(lines.getBytes(StandardCharsets.UTF_8), 1));
        new BronzeLoader(warehouse, store).load();
        build(options().withVars(NARROW), "narrow");
    }

    @AfterEach
    void close() {
        warehouse.close();
        database.close();
    }

    @Test
    void aDryRunCountsWhatWouldPassThenARealRunRebuildsSilverOnceEvenAfterACrash() throws Exception {
        assertThat(quarantine()).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "duplicate_event_id", 1L, "missing_user_id", 1L, "timestamp_out_of_range", 4L)));

        QuarantineReport dryRun = replay().dryRun();

        assertThat(dryRun.judged()).as("duplicates are not judged").isEqualTo(5);
        assertThat(dryRun.passing()).containsExactlyEntriesOf(new TreeMap<>(Map.of("timestamp_out_of_range", 4L)));
        assertThat(dryRun.stillFailing()).containsExactlyEntriesOf(new TreeMap<>(Map.of("missing_user_id", 1L)));
        assertThat(dryRun.newEvents()).as("e1 twice, e2, e3").isEqualTo(3);
        assertThat(dryRun.rebuild()).isEmpty();
        assertThat(quarantine()).as("a dry run changes nothing").containsEntry("timestamp_out_of_range", 4L);

        // a crash half-way: silver's events were rebuilt under the wider rules, its quarantine was not
        // (the data tests would see the two disagree: the crash came before them)
        build(options().withSelect("stg_events").withFullRefresh(true).withTests(false), "crashed");
        assertThat(silverEvents()).containsExactly("e1", "e2", "e3", "e4");
        assertThat(quarantine()).containsEntry("timestamp_out_of_range", 4L);
        QuarantineReport afterCrash = replay().apply();

        assertThat(afterCrash.passingCount()).isEqualTo(4);
        assertThat(afterCrash.rebuild()).hasValueSatisfying(r -> assertThat(r.succeeded()).as(String.join("\n", log)).isTrue());
        assertThat(silverEvents()).containsExactly("e1", "e2", "e3", "e4");
        assertThat(quarantine()).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "duplicate_event_id", 2L, "missing_user_id", 1L)));

        QuarantineReport again = replay().apply();

        assertThat(again.passingCount()).isZero();
        assertThat(again.stillFailing()).containsExactlyEntriesOf(new TreeMap<>(Map.of("missing_user_id", 1L)));
        assertThat(again.rebuild()).as("nothing passes, nothing to rebuild").isEmpty();
        assertThat(silverEvents()).containsExactly("e1", "e2", "e3", "e4");
    }

    private QuarantineReplay replay() {
        return new QuarantineReplay(warehouse, new TransformRunner(warehouse, log::add),
                options().withTargetPath(dir.resolve("target-replay")));
    }

    private TransformOptions options() {
        String property = System.getProperty("playstream.dbt.project");
        return TransformOptions.of(property != null ? Path.of(property) : Path.of("../dbt"));
    }

    private void build(TransformOptions options, String name) {
        RunSummary summary = new TransformRunner(warehouse, log::add).run(options.withTargetPath(dir.resolve("target-" + name)));
        assertThat(summary.succeeded()).as(name + "\n" + String.join("\n", log)).isTrue();
    }

    private Map<String, Long> quarantine() throws SQLException {
        Map<String, Long> rows = new TreeMap<>();
        try (Connection c = warehouse.connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select reject_reason, count(*) from silver.stg_events_quarantine group by 1")) {
            while (r.next()) {
                rows.put(r.getString(1), r.getLong(2));
            }
        }
        return rows;
    }

    private List<String> silverEvents() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = warehouse.connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select event_id from silver.stg_events order by event_id")) {
            while (r.next()) {
                ids.add(r.getString(1));
            }
        }
        return ids;
    }

    static String event(String id, String user, String timestamp) {
        return "{\"event_id\":\"" + id + "\",\"user_id\":\"" + user + "\",\"song_id\":\"s1\",\"artist_name\":\"A\","
                + "\"song_name\":\"S\",\"event_type\":\"play\",\"device_type\":\"web\",\"country\":\"UK\","
                + "\"timestamp\":\"" + timestamp + "\"}";
    }
}
