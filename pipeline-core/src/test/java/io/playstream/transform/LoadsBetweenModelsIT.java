package io.playstream.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.event.ListeningEvent;
import io.playstream.generate.ListenerSimulator;
import io.playstream.generate.SimulatorConfig;
import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.testing.SimulatedBronze;
import io.playstream.warehouse.BronzeLoader;
import io.playstream.warehouse.Warehouse;
import io.playstream.warehouse.Warehouses;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads commit while a transform runs (JobRunr's recurring load beside a transform, or Airflow's):
 * a batch can land after stg_events has run and before stg_events_quarantine does, and a slow load
 * can commit a batch stamped earlier than one silver already took in. Whatever the interleaving,
 * every bronze row ends in exactly one of silver and quarantine (the project's data test fails
 * every build otherwise), and the incremental runs end where a full refresh of the same bronze does,
 * down to which copy of an event silver keeps.
 */
class LoadsBetweenModelsIT {

    private static final Instant START = Instant.parse("2025-12-01T00:00:00Z");
    private static final int COPIES = 40;

    @TempDir
    Path dir;

    private Warehouse warehouse;

    @AfterEach
    void close() {
        if (warehouse != null) {
            warehouse.close();
        }
    }

    @Test
    void aBatchLandingBetweenSilverAndQuarantineIsJudgedOnceSilverHasItAndTheRunsEqualAFullRefresh() throws Exception {
        List<ListeningEvent> sent = ListenerSimulator.create(SimulatorConfig.builder().seed(5).listeners(100).songs(200)
                .events(6_000).timeRange(START, START.plus(Duration.ofHours(6))).build()).events().toList();
        List<ListeningEvent> history = sent.subList(0, 4_000);
        List<ListeningEvent> hourA = sent.subList(4_000, 5_000);
        List<ListeningEvent> hourB = new ArrayList<>(sent.subList(5_000, 6_000));
        for (int i = 0; i < COPIES; i++) {
            hourB.add(hourA.get(i * (hourA.size() / COPIES))); // copies of events silver took in from A
            hourB.add(history.get(i * (history.size() / COPIES))); // and of older ones
        }
        FileSystemObjectStore store = new FileSystemObjectStore(dir.resolve("lake"));
        SimulatedBronze bronze = new SimulatedBronze(store);
        warehouse = Warehouses.open("duckdb:" + dir.resolve("raced.duckdb"), Map.of());

        bronze.write(START, history);
        new BronzeLoader(warehouse, store).load();
        build("history", null, false);
        String objectA = bronze.write(START, hourA).key();
        new BronzeLoader(warehouse, store).load();
        build("hour-a", null, false);

        bronze.write(START, hourB);
        new BronzeLoader(warehouse, store).load();
        // B's load began before A's and committed after it: its stamp is the earlier one, so its
        // copies of A's events are the first loads of those events (still after the history's load)
        execute("update bronze.spotify_events set _loaded_at = (select max(_loaded_at) - interval '1 millisecond'"
                + " from silver.stg_events) where _loaded_at = (select max(_loaded_at) from bronze.spotify_events)");
        // the quarantine runs after that load committed, stg_events before it
        build("quarantine-after-load", "stg_events_quarantine", false);
        build("next-run", null, false);
        Map<String, List<String>> incremental = outcome();

        build("full-refresh", null, true);
        Map<String, List<String>> full = outcome();
        List<ListeningEvent> loaded = new ArrayList<>(history);
        loaded.addAll(hourA);
        loaded.addAll(hourB);
        long events = loaded.stream().map(ListeningEvent::eventId).distinct().count();
        assertThat(incremental.get("kept")).hasSize((int) events).containsExactlyInAnyOrderElementsOf(full.get("kept"));
        assertThat(incremental.get("quarantined")).hasSize(loaded.size() - (int) events)
                .containsExactlyInAnyOrderElementsOf(full.get("quarantined"));
        // B's copies replaced the ones A brought: those are the duplicates now
        assertThat(full.get("quarantined")).filteredOn(row -> row.contains(objectA)).hasSizeGreaterThanOrEqualTo(COPIES);
    }

    /** Which row silver keeps for each event, and each quarantined row with its reason. */
    private Map<String, List<String>> outcome() throws Exception {
        return Map.of(
                "kept", DbtProjectIT.rows(warehouse, "select event_id, _source_object as o, _line_number as l from silver.stg_events"),
                "quarantined", DbtProjectIT.rows(warehouse,
                        "select _source_object as o, _line_number as l, reject_reason from silver.stg_events_quarantine"));
    }

    private void build(String name, String select, boolean fullRefresh) {
        List<String> log = new ArrayList<>();
        TransformOptions options = TransformOptions.of(DbtProjectIT.projectDir()).withFullRefresh(fullRefresh)
                .withTargetPath(dir.resolve("target-" + name));
        RunSummary summary = new TransformRunner(warehouse, log::add).run(select == null ? options : options.withSelect(select));
        assertThat(summary.succeeded()).as(name + "\n" + String.join("\n", log)).isTrue();
    }

    private void execute(String sql) throws Exception {
        try (Connection c = warehouse.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
