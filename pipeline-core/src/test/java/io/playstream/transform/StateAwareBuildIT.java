package io.playstream.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.event.ListeningEvent;
import io.playstream.generate.ListenerSimulator;
import io.playstream.generate.SimulatorConfig;
import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.testing.SimulatedBronze;
import io.playstream.warehouse.BronzeLoader;
import io.playstream.warehouse.Warehouse;
import io.playstream.warehouse.Warehouses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State-aware builds on the real dbt project, loaded by the real loader on DuckDB: a model (or test)
 * whose code and inputs did not change since its last success is reused, and reported as such;
 * what reads a changed input is built, and the incremental runs still end where a full refresh of
 * the same bronze does. {@link PostgresStateAwareBuildIT} runs the same on PostgreSQL.
 */
class StateAwareBuildIT {

    private static final Instant START = Instant.parse("2025-12-01T00:00:00Z");
    private static final List<String> SILVER = List.of("int_load_batches", "stg_events", "stg_events_quarantine");

    @TempDir
    Path dir;

    private final List<Warehouse> opened = new ArrayList<>();
    private FileSystemObjectStore store;
    private SimulatedBronze bronze;
    private List<ListeningEvent> history;
    private List<ListeningEvent> lastHour;

    @BeforeEach
    void simulateFourHours() {
        List<ListeningEvent> sent = ListenerSimulator.create(SimulatorConfig.builder().seed(17).listeners(100).songs(200)
                .events(4_000).timeRange(START, START.plus(Duration.ofHours(4))).build()).events().toList();
        history = sent.subList(0, 3_000);
        lastHour = sent.subList(3_000, sent.size());
        store = new FileSystemObjectStore(dir.resolve("lake"));
        bronze = new SimulatedBronze(store);
        bronze.write(START, history);
    }

    @AfterEach
    void closeWarehouses() {
        opened.forEach(Warehouse::close);
    }

    /** A fresh, empty warehouse; {@code name} tells those of a test apart. */
    Warehouse freshWarehouse(String name) {
        return Warehouses.open("duckdb:" + dir.resolve(name + ".duckdb"), Map.of());
    }

    @Test
    void aRunWithNothingNewReusesEveryModelAndTestAndSaysSoInTheLogAndRunResults() throws Exception {
        Warehouse warehouse = withHistory("idle");
        assertThat(build(warehouse, "first", TransformOptions.of(DbtProjectIT.projectDir())).summary().reused()).isZero();

        Build again = build(warehouse, "again", TransformOptions.of(DbtProjectIT.projectDir()));

        assertThat(again.summary().results()).isNotEmpty().allSatisfy(r -> assertThat(r.reused()).as(r.name()).isTrue());
        assertThat(again.log()).anySatisfy(line -> assertThat(line)
                .matches("\\d+ of \\d+ OK reused sql incremental model silver\\.stg_events \\(no new input\\) \\.+ \\[REUSED in \\d+\\.\\d\\ds]"));
        assertThat(again.log()).contains("Done. PASS=0 WARN=0 ERROR=0 SKIP=0 NO-OP=0 REUSED=" + again.summary().results().size()
                + " TOTAL=" + again.summary().results().size());
        // dbt's statuses, so tools reading run_results.json see a current model and a test that holds
        for (JsonNode result : new ObjectMapper().readTree(dir.resolve("target-again/run_results.json").toFile()).path("results")) {
            String id = result.path("unique_id").asText();
            String expected = id.startsWith("model.") || id.startsWith("seed.") || id.startsWith("snapshot.") ? "success" : "pass";
            assertThat(result.path("status").asText()).isEqualTo(expected);
            assertThat(result.path("message").asText()).isEqualTo(NodeResult.REUSED);
            assertThat(result.path("adapter_response").isEmpty()).isTrue();
        }

        RunSummary rebuilt = build(warehouse, "rebuild-all", TransformOptions.of(DbtProjectIT.projectDir()).withStateAware(false)).summary();
        assertThat(rebuilt.reused()).isZero();
        // a run without reuse still records what it built: the next state-aware run reuses it all
        RunSummary after = build(warehouse, "after-rebuild-all", TransformOptions.of(DbtProjectIT.projectDir())).summary();
        assertThat(after.reused()).isEqualTo(after.results().size());
    }

    @Test
    void aBatchOfCopiesBuildsSilverOnlyAndANewHourBuildsWhatReadsItBothEndingAtAFullRefresh() throws Exception {
        Warehouse incremental = withHistory("incremental");
        build(incremental, "history", TransformOptions.of(DbtProjectIT.projectDir()));
        List<ListeningEvent> copies = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            copies.add(history.get(i * (history.size() / 40)));
        }
        bronze.write(START.plus(Duration.ofHours(3)), copies);
        new BronzeLoader(incremental, store).load();

        RunSummary afterCopies = build(incremental, "copies", TransformOptions.of(DbtProjectIT.projectDir())).summary();

        // silver reads bronze, so it is built; it kept no copy, so nothing downstream of it changed
        assertThat(builtModels(afterCopies)).containsExactlyInAnyOrderElementsOf(SILVER);
        assertThat(afterCopies.result("model.playstream.stg_events").orElseThrow().rowsAffected()).isZero();
        assertThat(afterCopies.result("model.playstream.stg_events_quarantine").orElseThrow().rowsAffected()).isEqualTo(40);

        bronze.write(START.plus(Duration.ofHours(3)), lastHour);
        new BronzeLoader(incremental, store).load();
        RunSummary afterHour = build(incremental, "last-hour", TransformOptions.of(DbtProjectIT.projectDir())).summary();
        // every model but those that read only the seeds, which did not change
        assertThat(afterHour.results()).filteredOn(r -> r.resourceType().equals("model")
                        && !List.of("country_time_zones", "dim_countries").contains(r.name()))
                .noneMatch(NodeResult::reused);

        assertEqualsFullRefresh(incremental);
    }

    /** With one runner for every run, as continuous mode keeps one: it parses the project again after each edit. */
    @Test
    void anEditedModelADroppedRelationAndAFailedBuildAreBuiltAgainAndNothingElse() throws Exception {
        Path project = copyOfTheProject();
        Warehouse warehouse = withHistory("edited");
        List<String> log = new ArrayList<>();
        TransformRunner kept = new TransformRunner(warehouse, log::add);
        build(kept, log, "first", TransformOptions.of(project));
        Path topSongs = project.resolve("models/gold/top_songs.sql");
        String original = Files.readString(topSongs);
        Files.writeString(topSongs, original + "\n-- an edit: the compiled code changes\n");
        execute(warehouse, "drop table gold.engagement_by_device");

        RunSummary edited = build(kept, log, "edited", TransformOptions.of(project)).summary();

        assertThat(builtModels(edited)).containsExactlyInAnyOrder("top_songs", "engagement_by_device");

        // a model without unit tests, so its own build fails (top_songs' unit test would fail first and skip it)
        Path byDevice = project.resolve("models/gold/engagement_by_device.sql");
        String deviceSql = Files.readString(byDevice);
        Files.writeString(byDevice, deviceSql.replace("select", "selec"));
        RunSummary broken = kept.run(TransformOptions.of(project).withTargetPath(dir.resolve("target-broken")));
        assertThat(broken.result("model.playstream.engagement_by_device").orElseThrow().status()).isEqualTo(NodeStatus.ERROR);
        Files.writeString(byDevice, deviceSql);
        // the code and inputs of the last successful build are back, but the failed one may have left anything
        RunSummary fixed = build(kept, log, "fixed", TransformOptions.of(project)).summary();
        assertThat(builtModels(fixed)).containsExactly("engagement_by_device");
    }

    @Test
    void aRunWithoutTestsBuildsTheModelsOnlyAsDbtRunAndTheNextRunWithTestsRunsThem() throws Exception {
        Warehouse warehouse = withHistory("untested");

        RunSummary untested = build(warehouse, "untested", TransformOptions.of(DbtProjectIT.projectDir()).withTests(false)).summary();

        assertThat(untested.results()).isNotEmpty().allSatisfy(r -> assertThat(r.resourceType()).isIn("model", "seed", "snapshot"));
        JsonNode args = new ObjectMapper().readTree(dir.resolve("target-untested/run_results.json").toFile()).get("args");
        assertThat(args.get("which").asText()).isEqualTo("run");
        RunSummary tested = build(warehouse, "tested", TransformOptions.of(DbtProjectIT.projectDir())).summary();
        assertThat(tested.results().stream().filter(r -> r.resourceType().equals("test")))
                .isNotEmpty().allSatisfy(r -> assertThat(r.reused()).isFalse());
        assertThat(tested.results().stream().filter(r -> r.resourceType().equals("model"))).allSatisfy(r -> assertThat(r.reused()).isTrue());
    }

    @Test
    void aBatchCommittedAfterAModelReadItsInputVersionsIsBuiltByTheNextRun() throws Exception {
        Warehouse warehouse = withHistory("raced");
        build(warehouse, "history", TransformOptions.of(DbtProjectIT.projectDir()));
        bronze.write(START.plus(Duration.ofHours(3)), lastHour.subList(0, 500));
        new BronzeLoader(warehouse, store).load();
        bronze.write(START.plus(Duration.ofHours(3)), lastHour.subList(500, lastHour.size()));
        boolean[] loaded = {false};
        // int_load_batches, the first model to read bronze, logs its START line after reading its
        // input versions and before its SQL runs
        Consumer<String> loadMidBuild = line -> {
            if (!loaded[0] && line.contains("START sql incremental model silver.int_load_batches ")) {
                loaded[0] = true;
                new BronzeLoader(warehouse, store).load();
            }
        };
        RunSummary raced = new TransformRunner(warehouse, loadMidBuild).run(TransformOptions.of(DbtProjectIT.projectDir())
                .withTargetPath(dir.resolve("target-raced")));
        assertThat(raced.succeeded()).isTrue();
        assertThat(loaded[0]).isTrue();
        Set<String> seen = history.stream().map(ListeningEvent::eventId).collect(Collectors.toSet());
        long newEvents = lastHour.stream().map(ListeningEvent::eventId).filter(id -> !seen.contains(id)).distinct().count();
        // the build listed both batches, the second under versions read before it committed, and silver took both in
        assertThat(raced.result("model.playstream.int_load_batches").orElseThrow().rowsAffected()).isEqualTo(2);
        assertThat(raced.result("model.playstream.stg_events").orElseThrow().rowsAffected()).isEqualTo(newEvents);

        RunSummary next = build(warehouse, "next", TransformOptions.of(DbtProjectIT.projectDir())).summary();

        // so the next run builds it again rather than trust the versions recorded; it finds nothing
        // new, and silver, which read its versions after the batch committed, is reused
        assertThat(builtModels(next)).containsExactly("int_load_batches");
        assertThat(next.result("model.playstream.int_load_batches").orElseThrow().rowsAffected()).isZero();
        RunSummary settled = build(warehouse, "settled", TransformOptions.of(DbtProjectIT.projectDir())).summary();
        assertThat(settled.reused()).isEqualTo(settled.results().size());
        assertEqualsFullRefresh(warehouse);
    }

    private Warehouse withHistory(String name) {
        Warehouse warehouse = open(name);
        new BronzeLoader(warehouse, store).load();
        return warehouse;
    }

    private Warehouse open(String name) {
        Warehouse warehouse = freshWarehouse(name);
        opened.add(warehouse);
        return warehouse;
    }

    /**
     * Every silver and gold table equals a full refresh of the same bronze objects in a new warehouse;
     * a snapshot keeps the history of its builds, which one build cannot have: its current versions
     * must say what the full refresh's say.
     */
    private void assertEqualsFullRefresh(Warehouse incremental) throws Exception {
        Warehouse full = open("full");
        new BronzeLoader(full, store).load();
        RunSummary refreshed = build(full, "full-refresh", TransformOptions.of(DbtProjectIT.projectDir()).withFullRefresh(true)).summary();
        assertThat(refreshed.reused()).isZero();
        DbtProjectIT.assertSameTables(incremental, full);
    }

    private record Build(RunSummary summary, List<String> log) {
    }

    private Build build(Warehouse warehouse, String name, TransformOptions options) {
        List<String> log = new ArrayList<>();
        return build(new TransformRunner(warehouse, log::add), log, name, options);
    }

    /** @param log what {@code runner} writes its log lines to */
    private Build build(TransformRunner runner, List<String> log, String name, TransformOptions options) {
        log.clear();
        RunSummary summary = runner.run(options.withTargetPath(dir.resolve("target-" + name)));
        assertThat(summary.succeeded()).as(name + "\n" + String.join("\n", log)).isTrue();
        return new Build(summary, List.copyOf(log));
    }

    private static List<String> builtModels(RunSummary summary) {
        return summary.results().stream().filter(r -> r.resourceType().equals("model") && !r.reused()).map(NodeResult::name).toList();
    }

    private Path copyOfTheProject() throws IOException {
        Path from = DbtProjectIT.projectDir().toAbsolutePath().normalize();
        Path to = dir.resolve("project");
        try (Stream<Path> files = Files.walk(from)) {
            files.filter(f -> !from.relativize(f).startsWith("target")).forEach(f -> {
                try {
                    Files.copy(f, to.resolve(from.relativize(f).toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return to;
    }

    private static void execute(Warehouse warehouse, String sql) throws Exception {
        try (Connection c = warehouse.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
