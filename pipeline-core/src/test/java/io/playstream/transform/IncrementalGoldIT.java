package io.playstream.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.event.EventCodec;
import io.playstream.event.ListeningEvent;
import io.playstream.generate.ListenerSimulator;
import io.playstream.generate.SimulatorConfig;
import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.partition.BronzeKey;
import io.playstream.partition.Compression;
import io.playstream.warehouse.BronzeLoader;
import io.playstream.warehouse.Warehouse;
import io.playstream.warehouse.Warehouses;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real dbt project on DuckDB, loaded by the real loader from simulated bronze objects (seven
 * hours of listeners with duplicate deliveries and late events): six hours loaded in two loads
 * and built, then one more hour (with late events reaching back into earlier hours and copies of
 * events loaded before) loaded and built incrementally. The incremental run writes rows in
 * proportion to the new hour ({@code rows_affected} in {@code target/run_results.json}, exact per
 * model), and every gold table, and silver, equal a full build of the same bronze objects
 * (order-insensitive; numbers to 10 significant digits, see {@link DbtProjectIT#TOLERANCE};
 * metadata columns named with a leading underscore left out). Sessions and per-day engagement
 * also equal a computation in plain Java from the events as sent ({@link GoldFromEvents}).
 * {@link PostgresIncrementalGoldIT} runs the same on PostgreSQL.
 */
class IncrementalGoldIT {

    private static final Instant START = Instant.parse("2025-12-01T00:00:00Z");
    private static final int HOURS = 7;
    private static final int EVENTS = 35_000;
    private static final int LINES_PER_OBJECT = 2_500;
    private static final int REPLAYED_COPIES = 50;

    @TempDir
    Path dir;

    private final List<Warehouse> opened = new ArrayList<>();

    private final EventCodec codec = new EventCodec();
    private final List<ListeningEvent> history = new ArrayList<>();
    private final List<ListeningEvent> newHour = new ArrayList<>();

    /** The seven hours of the first test; the others simulate streams of their own, so it is not a @BeforeEach. */
    private void simulateSevenHours() {
        List<ListeningEvent> sent = simulate(11, 200, 400, EVENTS, START, Duration.ofHours(HOURS));
        // the stream in the order sent: the last seventh is the new hour (its late events belong to earlier hours)
        int split = sent.size() * (HOURS - 1) / HOURS;
        history.addAll(sent.subList(0, split));
        newHour.addAll(sent.subList(split, sent.size()));
        // a client re-sends events it had sent long before: copies of loaded events arrive with the new hour
        for (int i = 0; i < REPLAYED_COPIES; i++) {
            newHour.add(history.get(i * (history.size() / REPLAYED_COPIES)));
        }
    }

    @AfterEach
    void closeWarehouses() {
        opened.forEach(Warehouse::close);
    }

    /** A fresh, empty warehouse; {@code name} tells the two of a test apart. */
    Warehouse freshWarehouse(String name) {
        return Warehouses.open("duckdb:" + dir.resolve(name + ".duckdb"), Map.of());
    }

    private Warehouse open(String name) {
        Warehouse warehouse = freshWarehouse(name);
        opened.add(warehouse);
        return warehouse;
    }

    @Test
    void anIncrementalRunTouchesOnlyTheNewHourAndGivesTheGoldOfAFullBuild() throws Exception {
        simulateSevenHours();
        Path lake = dir.resolve("lake");
        FileSystemObjectStore store = new FileSystemObjectStore(lake);
        List<List<ListeningEvent>> historyObjects = chunks(history);
        Warehouse incremental = open("incremental");
        // history in two loads: two batches, two _loaded_at stamps
        int half = historyObjects.size() / 2;
        putObjects(store, historyObjects.subList(0, half), 0);
        new BronzeLoader(incremental, store).load();
        putObjects(store, historyObjects.subList(half, historyObjects.size()), half);
        new BronzeLoader(incremental, store).load();
        assertThat(build(incremental, "history", false).succeeded()).isTrue();
        long silverBefore = count(incremental, "silver.stg_events");

        putObjects(store, List.of(newHour), historyObjects.size());
        new BronzeLoader(incremental, store).load();
        RunSummary second = build(incremental, "one-more-hour", false);
        assertThat(second.succeeded()).isTrue();

        Warehouse full = open("full");
        new BronzeLoader(full, store).load();
        assertThat(build(full, "full-refresh", true).succeeded()).isTrue();

        Map<String, Long> written = rowsAffected(dir.resolve("target-one-more-hour/run_results.json"));
        Set<String> historyIds = new HashSet<>();
        history.forEach(e -> historyIds.add(e.eventId()));
        Set<String> newIds = new HashSet<>();
        newHour.stream().filter(e -> !historyIds.contains(e.eventId())).forEach(e -> newIds.add(e.eventId()));
        assertThat(count(incremental, "silver.stg_events")).isEqualTo(silverBefore + newIds.size());
        // silver merges the new hour's events only, not the history loaded minutes before
        assertThat(written).containsEntry("stg_events", (long) newIds.size());
        assertThat(written).containsEntry("stg_events_quarantine", (long) (newHour.size() - newIds.size()));
        String newRows = "(select * from silver.stg_events where event_id in (" + quoted(newIds) + "))";
        // each aggregate rewrites exactly the keys the new events touch, far fewer than it holds
        assertTouchedKeys(written, full, "int_listener_hours", newRows, "event_date, event_hour, user_id, device_type, country", "silver");
        assertTouchedKeys(written, full, "int_song_days", newRows, "event_date, song_id, device_type, country", "silver");
        assertTouchedKeys(written, full, "int_song_hours", newRows, "event_date, event_hour, song_id", "silver");
        // per listener and day: the seven hours are one day, so here every listener's day is touched
        assertThat(written.get("user_engagement")).isEqualTo(scalar(full,
                "select count(*) from (select distinct user_id, event_date, device_type, country from " + newRows + " n) t"));
        // sessions: every session of a listener with new events is rewritten (most kept as they were)
        assertThat(written.get("listening_sessions")).isEqualTo(scalar(full,
                "select count(*) from gold.listening_sessions where user_id in (select user_id from " + newRows + " n)"));

        DbtProjectIT.assertSameTables(incremental, full);

        List<ListeningEvent> sent = new ArrayList<>(history);
        sent.addAll(newHour);
        GoldFromEvents expected = new GoldFromEvents(sent);
        assertThat(GoldChecks.sessions(incremental)).containsExactlyInAnyOrderElementsOf(expected.sessions());
        assertThat(GoldChecks.userEngagement(incremental)).containsExactlyInAnyOrderElementsOf(expected.userEngagement());
        GoldChecks.assertDurationsMatchStartAndEnd(incremental);
        // the listening marts, after the incremental run and after the full build
        ListeningFromEvents listening = new ListeningFromEvents(expected, GoldChecks.timeZones(full));
        GoldChecks.assertListeningMartsEqual(incremental, listening);
        GoldChecks.assertListeningMartsEqual(full, listening);
    }

    /**
     * Five weeks across a month's and a year's end, sent in three parts, each loaded and built
     * incrementally (late events of a part reach back into the one before): after each run, and
     * after a full build of everything, every listening mart equals its recount from the events
     * sent so far ({@link ListeningFromEvents}), with days, weeks, months and years of their own,
     * listeners joining and leaving (retention) and 28-day windows that move (segments).
     */
    @Test
    void theListeningMartsEqualARecountAfterEachIncrementalRunAndAfterAFullBuild() throws Exception {
        Instant from = Instant.parse("2025-12-22T00:00:00Z");
        List<ListeningEvent> sent = simulate(12, 150, 300, 9_000, from, Duration.ofDays(35));
        FileSystemObjectStore store = new FileSystemObjectStore(dir.resolve("weeks"));
        Warehouse incremental = open("weeks_incremental");
        int parts = 3;
        int objects = 0;
        for (int part = 1; part <= parts; part++) {
            List<List<ListeningEvent>> chunks = chunks(sent.subList(sent.size() * (part - 1) / parts, sent.size() * part / parts));
            putObjects(store, chunks, objects);
            objects += chunks.size();
            new BronzeLoader(incremental, store).load();
            build(incremental, "weeks-" + part, false);
            GoldFromEvents events = new GoldFromEvents(sent.subList(0, sent.size() * part / parts));
            GoldChecks.assertListeningMartsEqual(incremental, new ListeningFromEvents(events, GoldChecks.timeZones(incremental)));
        }
        Warehouse full = open("weeks_full");
        new BronzeLoader(full, store).load();
        build(full, "weeks-full-refresh", true);
        ListeningFromEvents expected = new ListeningFromEvents(new GoldFromEvents(sent), GoldChecks.timeZones(full));
        GoldChecks.assertListeningMartsEqual(full, expected);
        assertThat(GoldChecks.retention(full)).as("cohorts of several weeks").anyMatch(row -> row.split("\\|")[2].equals("4"));
    }

    /**
     * One day sent in six micro-batches, built after each as continuous mode does, so every batch
     * touches periods the marts hold already. A batch holds late events of the batches before
     * (which change the time listened of events already built) and copies of events loaded before;
     * listeners play songs they already played that day (counted already) and songs new to them
     * (one more listener). Batches four and five reach int_song_listener_days without the marts (a
     * run stopped before them, without data tests: gold's totals lag silver's until the marts
     * run), so the marts meet keys rebuilt twice since they last ran. After every run each
     * listening mart equals its recount from the events sent so far, and at the end a full build
     * of the same bronze.
     */
    @Test
    void thePeriodMartsTakeEachMicroBatchOfOneDayAsARecountCountsIt() throws Exception {
        Instant from = Instant.parse("2025-12-03T00:00:00Z");
        List<ListeningEvent> sent = simulate(13, 120, 200, 8_000, from, Duration.ofHours(20));
        FileSystemObjectStore store = new FileSystemObjectStore(dir.resolve("day"));
        Warehouse incremental = open("day_incremental");
        int batches = 6;
        int objects = 0;
        List<ListeningEvent> sentSoFar = new ArrayList<>();
        for (int batch = 1; batch <= batches; batch++) {
            List<ListeningEvent> events = new ArrayList<>(sent.subList(sent.size() * (batch - 1) / batches, sent.size() * batch / batches));
            for (int copy = 0; copy < 10 && !sentSoFar.isEmpty(); copy++) {
                events.add(sentSoFar.get(copy * (sentSoFar.size() / 10)));
            }
            sentSoFar.addAll(events);
            List<List<ListeningEvent>> chunks = chunks(events);
            putObjects(store, chunks, objects);
            objects += chunks.size();
            new BronzeLoader(incremental, store).load();
            if (batch == 4 || batch == 5) {
                stoppedAfter(incremental, "int_song_listener_days", "day-" + batch);
            } else {
                build(incremental, "day-" + batch, false);
                GoldChecks.assertListeningMartsEqual(incremental,
                        new ListeningFromEvents(new GoldFromEvents(sentSoFar), GoldChecks.timeZones(incremental)));
            }
        }
        Warehouse full = open("day_full");
        new BronzeLoader(full, store).load();
        build(full, "day-full-refresh", true);
        DbtProjectIT.assertSameTables(incremental, full);
    }

    /**
     * An upgrade: int_listened_events' rows written before it kept the version each replaced read
     * null there (on_schema_change appends the columns), and the listening aggregates missed the
     * last run before it (a run stopped after int_listened_events). Those rows cannot be told from
     * new ones, so the aggregates recount their keys rather than add them again: after the next
     * run every table equals a full build.
     */
    @Test
    void rowsWrittenBeforeTheChangeRecordAreRecountedNotAddedAgain() throws Exception {
        Instant from = Instant.parse("2025-12-05T00:00:00Z");
        List<ListeningEvent> sent = simulate(14, 100, 150, 4_500, from, Duration.ofHours(12));
        FileSystemObjectStore store = new FileSystemObjectStore(dir.resolve("upgrade"));
        Warehouse incremental = open("upgrade_incremental");
        int batches = 3;
        for (int batch = 1; batch <= batches; batch++) {
            putObjects(store, List.of(sent.subList(sent.size() * (batch - 1) / batches, sent.size() * batch / batches)), batch);
            new BronzeLoader(incremental, store).load();
            if (batch == 2) {
                stoppedAfter(incremental, "int_listened_events", "upgrade-2");
                // what a version of int_listened_events without the change record leaves, once its columns are added
                try (var c = incremental.connect(); var st = c.createStatement()) {
                    st.execute("update silver.int_listened_events set _prev_transformed_at = null, _prev_listened_ms = null");
                }
            } else {
                build(incremental, "upgrade-" + batch, false);
            }
        }
        Warehouse full = open("upgrade_full");
        new BronzeLoader(full, store).load();
        build(full, "upgrade-full-refresh", true);
        DbtProjectIT.assertSameTables(incremental, full);
    }

    private void assertTouchedKeys(Map<String, Long> written, Warehouse full, String model, String newRows, String keys,
            String schema) throws Exception {
        long touched = scalar(full, "select count(*) from (select distinct " + keys + " from " + newRows + " n) t");
        assertThat(written.get(model)).as(model).isEqualTo(touched);
        assertThat(touched).as(model).isLessThan(count(full, schema + "." + model) / 2);
    }

    /** The simulator's stream of {@code events} events of {@code listeners} over {@code length} from {@code from}, seeded. */
    private static List<ListeningEvent> simulate(long seed, int listeners, int songs, int events, Instant from, Duration length) {
        return ListenerSimulator.create(SimulatorConfig.builder().seed(seed).listeners(listeners).songs(songs)
                .events(events).timeRange(from, from.plus(length)).build()).events().toList();
    }

    private RunSummary build(Warehouse warehouse, String name, boolean fullRefresh) {
        return run(warehouse, name, options -> options.withFullRefresh(fullRefresh));
    }

    /**
     * A run stopped after {@code model}: it and what it reads built without their data tests, what
     * reads it left as it was, as a run killed there leaves them.
     */
    private void stoppedAfter(Warehouse warehouse, String model, String name) {
        run(warehouse, name, options -> options.withSelect("+" + model).withTests(false));
    }

    /** The project built on {@code warehouse} with {@code options}, its artifacts in target-{@code name}; it must succeed. */
    private RunSummary run(Warehouse warehouse, String name, UnaryOperator<TransformOptions> options) {
        List<String> log = new ArrayList<>();
        RunSummary summary = new TransformRunner(warehouse, log::add).run(options.apply(TransformOptions.of(DbtProjectIT.projectDir()))
                .withTargetPath(dir.resolve("target-" + name)));
        assertThat(summary.succeeded()).as(name + "\n" + String.join("\n", log)).isTrue();
        return summary;
    }

    private static Map<String, Long> rowsAffected(Path runResults) throws IOException {
        Map<String, Long> rows = new HashMap<>();
        for (JsonNode result : new ObjectMapper().readTree(runResults.toFile()).path("results")) {
            String id = result.path("unique_id").asText();
            if (id.startsWith("model.")) {
                rows.put(id.substring(id.lastIndexOf('.') + 1), result.path("adapter_response").path("rows_affected").asLong());
            }
        }
        return rows;
    }

    private List<List<ListeningEvent>> chunks(List<ListeningEvent> events) {
        List<List<ListeningEvent>> chunks = new ArrayList<>();
        for (int from = 0; from < events.size(); from += LINES_PER_OBJECT) {
            chunks.add(events.subList(from, Math.min(events.size(), from + LINES_PER_OBJECT)));
        }
        return chunks;
    }

    private void putObjects(FileSystemObjectStore store, List<List<ListeningEvent>> objects, int firstIndex) throws IOException {
        int index = firstIndex;
        for (List<ListeningEvent> object : objects) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            try (OutputStream gzip = new GZIPOutputStream(body)) {
                for (ListeningEvent event : object) {
                    gzip.write(codec.encode(event));
                    gzip.write('\n');
                }
            }
            store.put(BronzeKey.of("events", 0, index++ * (long) LINES_PER_OBJECT, START, Compression.GZIP).value(), body.toByteArray());
        }
    }

    private static String quoted(Set<String> ids) {
        return String.join(", ", ids.stream().map(id -> "'" + id + "'").toList());
    }

    private static long count(Warehouse warehouse, String table) throws Exception {
        return scalar(warehouse, "select count(*) from " + table);
    }

    static long scalar(Warehouse warehouse, String sql) throws Exception {
        try (var c = warehouse.connect(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
