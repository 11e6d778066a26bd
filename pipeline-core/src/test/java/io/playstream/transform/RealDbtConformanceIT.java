package io.playstream.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.testing.ScratchPostgres;
import io.playstream.transform.internal.artifact.DbtSchemas;
import io.playstream.warehouse.Warehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner held to real dbt: the repository's project built on PostgreSQL by real dbt (dbt-core
 * with dbt-postgres, found through {@code PLAYSTREAM_REAL_DBT}) and by the runner, from the same
 * bronze in the same database, one after the other. Every relation must hold the same rows (as
 * multisets; only {@code _transformed_at} and {@code _prev_transformed_at}, the clock of the run, left out), and the two manifests
 * and run results must agree node by node. A field that differs fails the test unless the fidelity
 * table in dbt/README.md lists it with its reason. Then {@code dbt source freshness} and
 * {@code transform --freshness} must judge bronze alike. Skipped, saying so, where no real dbt is given.
 */
class RealDbtConformanceIT {

    /** A dbt executable with the postgres adapter (e.g. a virtualenv's bin/dbt). */
    static final String REAL_DBT = "PLAYSTREAM_REAL_DBT";
    /** Optional: a folder holding dbt_utils, installed as dbt_packages where {@code dbt deps} cannot reach dbt's hub. */
    static final String PACKAGES = "PLAYSTREAM_REAL_DBT_PACKAGES";
    static final List<String> SCHEMAS = List.of("bronze", "silver", "gold");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void realDbtAndTheRunnerBuildTheSameRelationsAndDescribeThemAlike() throws Exception {
        String dbt = System.getenv(REAL_DBT);
        assumeTrue(dbt != null && Files.isExecutable(Path.of(dbt)),
                "set " + REAL_DBT + " to a real dbt executable with dbt-postgres to compare the runner with dbt");
        Path project = copyProject(DbtProjectIT.projectDir(), dir.resolve("project"));
        try (ScratchPostgres database = ScratchPostgres.create("dbt_conformance")) {
            Warehouse warehouse = database.warehouse();
            try (Connection c = warehouse.connect()) {
                BronzeFixture.loadPostgres(c, BronzeFixture.events().orElseThrow());
            }
            Path dbtTarget = dir.resolve("dbt-target");
            runRealDbt(dbt, project, database.name(), dbtTarget, "deps");
            // unit tests are compared as manifest entries only: see the fidelity table (run_results.unit_test)
            runRealDbt(dbt, project, database.name(), dbtTarget, "build", "--exclude", "test_type:unit");
            Map<String, List<String>> byDbt = relations(warehouse);
            // a second run renders every incremental model's incremental branch, whose refs dbt must
            // have found at parse time (else "unable to infer all dependencies"); with no new bronze it changes no row
            runRealDbt(dbt, project, database.name(), dir.resolve("dbt-target-incremental"), "run");
            assertThat(relations(warehouse)).as("relations after real dbt's incremental run").isEqualTo(byDbt);
            execute(warehouse, "drop schema silver cascade", "drop schema gold cascade");

            List<String> log = new ArrayList<>();
            Path runnerTarget = dir.resolve("runner-target");
            RunSummary summary = new TransformRunner(warehouse, log::add).run(TransformOptions.of(project).withTargetPath(runnerTarget));
            assertThat(summary.succeeded()).as(String.join("\n", log)).isTrue();

            Map<String, List<String>> byRunner = relations(warehouse);
            assertThat(byRunner.keySet()).as("relations").isEqualTo(byDbt.keySet());
            byDbt.forEach((relation, rows) -> assertThat(byRunner.get(relation)).as(relation).hasSameSizeAs(rows)
                    .containsExactlyInAnyOrderElementsOf(rows));

            // real dbt's own manifest is not held to the schema: dbt 1.11 writes a macro `config` that v12 does not allow
            for (String artifact : List.of("manifest.json", "run_results.json")) {
                assertThat(DbtSchemas.errors(runnerTarget.resolve(artifact))).as("the runner's " + artifact).isEmpty();
            }
            ArtifactComparison comparison = new ArtifactComparison(FidelityTable.knownDifferences(project.resolve("README.md")));
            comparison.manifests(read(dbtTarget.resolve("manifest.json")), read(runnerTarget.resolve("manifest.json")));
            comparison.runResults(read(dbtTarget.resolve("run_results.json")), read(runnerTarget.resolve("run_results.json")));
            assertThat(comparison.differences()).as("differences from real dbt not in dbt/README.md's fidelity table").isEmpty();

            // dbt docs generate's catalog of the same relations (the runner's): types as dbt-postgres reads them
            runRealDbt(dbt, project, database.name(), dbtTarget, "docs", "generate", "--no-compile");
            new TransformRunner(warehouse, log::add).docs(TransformOptions.of(project).withTargetPath(runnerTarget));
            assertThat(DbtSchemas.errors(runnerTarget.resolve("catalog.json"))).as("the runner's catalog.json").isEmpty();
            assertSameCatalog(read(dbtTarget.resolve("catalog.json")), read(runnerTarget.resolve("catalog.json")));

            // the fixture's bronze was loaded in 2025: past error_after for both, and dbt exits 1 for it
            runRealDbt(dbt, project, database.name(), dbtTarget, "source", "freshness");
            FreshnessRun freshness = new TransformRunner(warehouse, log::add).freshness(TransformOptions.of(project).withTargetPath(runnerTarget));
            JsonNode dbtSources = read(dbtTarget.resolve("sources.json"));
            assertThat(freshness.results()).hasSameSizeAs(dbtSources.get("results"));
            for (JsonNode theirs : dbtSources.get("results")) {
                FreshnessResult ours = freshness.results().stream().filter(r -> r.uniqueId().equals(theirs.get("unique_id").asText()))
                        .findFirst().orElseThrow(() -> new AssertionError(theirs.get("unique_id") + ": no freshness from the runner"));
                assertThat(ours.status().dbtName()).isEqualTo(theirs.get("status").asText());
                assertThat(ours.maxLoadedAt()).isEqualTo(OffsetDateTime.parse(theirs.get("max_loaded_at").asText()).toInstant());
            }
            assertThat(DbtSchemas.errors(freshness.sourcesJson())).as("the runner's sources.json").isEmpty();
        }
    }

    /**
     * {@link SnapshotScenario}'s five builds by real dbt in one database and by the runner in
     * another, the same source changes made to both before each build: after every build each
     * snapshot holds the same versions (the build clock's values by rank, the version id as dbt's
     * hash recipe or not), and at the end the manifests and run results agree node by node.
     */
    @Test
    void realDbtAndTheRunnerSnapshotAlike() throws Exception {
        String dbt = System.getenv(REAL_DBT);
        assumeTrue(dbt != null && Files.isExecutable(Path.of(dbt)),
                "set " + REAL_DBT + " to a real dbt executable with dbt-postgres to compare the runner with dbt");
        Path project = SnapshotScenario.project(dir.resolve("snapshots"), false);
        try (ScratchPostgres byDbt = ScratchPostgres.create("dbt_snapshots"); ScratchPostgres byRunner = ScratchPostgres.create("runner_snapshots")) {
            Path dbtTarget = dir.resolve("snapshots-dbt-target");
            Path runnerTarget = dir.resolve("snapshots-runner-target");
            List<String> log = new ArrayList<>();
            for (int step = 0; step < SnapshotScenario.STEPS.size(); step++) {
                SnapshotScenario.applyStep(byDbt.warehouse(), step);
                SnapshotScenario.applyStep(byRunner.warehouse(), step);
                runRealDbt(dbt, project, byDbt.name(), dbtTarget, "build");
                RunSummary summary = new TransformRunner(byRunner.warehouse(), log::add).run(TransformOptions.of(project).withTargetPath(runnerTarget));
                assertThat(summary.succeeded()).as(String.join("\n", log)).isTrue();
                for (SnapshotScenario.Snapshot snapshot : SnapshotScenario.SNAPSHOTS) {
                    assertThat(SnapshotScenario.rows(byRunner.warehouse(), "public_history", snapshot)).as("build " + (step + 1) + ": " + snapshot.name())
                            .isEqualTo(SnapshotScenario.rows(byDbt.warehouse(), "public_history", snapshot));
                }
            }
            // the two builds ran in two databases: the runner's artifacts are read as if in dbt's
            ArtifactComparison comparison = new ArtifactComparison(FidelityTable.knownDifferences(DbtProjectIT.projectDir().resolve("README.md")));
            comparison.manifests(read(dbtTarget.resolve("manifest.json")), inDatabase(runnerTarget.resolve("manifest.json"), byRunner.name(), byDbt.name()));
            comparison.runResults(read(dbtTarget.resolve("run_results.json")),
                    inDatabase(runnerTarget.resolve("run_results.json"), byRunner.name(), byDbt.name()));
            assertThat(comparison.differences()).as("differences from real dbt not in dbt/README.md's fidelity table").isEmpty();
        }
    }

    private static JsonNode inDatabase(Path artifact, String database, String instead) throws IOException {
        return JSON.readTree(Files.readString(artifact).replace(database, instead));
    }

    /**
     * {@code dbt ls} and the runner's {@code transform --ls} on the same project, for selectors using
     * every graph operator and set operation ({@link DbtListTest} holds the runner to a longer table
     * recorded from real dbt; this checks the recording's kind of answer against a live dbt).
     */
    @Test
    void realDbtAndTheRunnerListTheSameNodes() throws Exception {
        String dbt = System.getenv(REAL_DBT);
        assumeTrue(dbt != null && Files.isExecutable(Path.of(dbt)),
                "set " + REAL_DBT + " to a real dbt executable with dbt-postgres to compare the runner with dbt");
        Path project = copyProject(DbtProjectIT.projectDir(), dir.resolve("project"));
        Path target = dir.resolve("dbt-target");
        runRealDbt(dbt, project, "postgres", target, "deps");
        TransformRunner runner = new TransformRunner(JdbcWarehouse.duckdb(dir.resolve("never-opened.duckdb")), line -> { });
        for (String args : List.of("--select +exposure:playstream_listening_report", "--select @int_song_hours",
                "--select tag:powerbi,config.materialized:incremental", "--select stg_events+ --exclude tag:powerbi",
                "--select 1+top_songs source:bronze+1 --resource-type model --resource-type source")) {
            List<String> command = new ArrayList<>(List.of("ls", "-q"));
            command.addAll(List.of(args.split(" ")));
            Path output = runRealDbt(dbt, project, "postgres", target, command.toArray(String[]::new));
            List<String> printed = Files.readAllLines(output).stream().filter(l -> !l.isBlank()).toList();
            assertThat(DbtList.run(runner, project, args)).as("dbt ls " + args).containsExactlyElementsOf(printed);
        }
    }

    /** Every relation of dbt's catalog in the runner's, with the same metadata, stats and columns (name, type, index, comment). */
    private static void assertSameCatalog(JsonNode dbt, JsonNode runner) {
        for (String section : List.of("nodes", "sources")) {
            Set<String> ids = new TreeSet<>();
            dbt.get(section).fieldNames().forEachRemaining(ids::add);
            Set<String> ours = new TreeSet<>();
            runner.get(section).fieldNames().forEachRemaining(ours::add);
            assertThat(ours).as("catalog " + section).isEqualTo(ids);
            for (String id : ids) {
                JsonNode theirs = dbt.get(section).get(id);
                JsonNode mine = runner.get(section).get(id);
                assertThat(mine.get("metadata")).as(id + " metadata").isEqualTo(theirs.get("metadata"));
                assertThat(mine.get("stats")).as(id + " stats").isEqualTo(theirs.get("stats"));
                assertThat(mine.get("columns")).as(id + " columns").isEqualTo(theirs.get("columns"));
            }
        }
    }

    /** Runs {@code dbt <command...>} on the project; it must succeed, except freshness, which exits 1 past error_after. */
    private Path runRealDbt(String dbt, Path project, String database, Path target, String... command) throws Exception {
        if (command[0].equals("deps") && System.getenv(PACKAGES) != null) {
            copyProject(Path.of(System.getenv(PACKAGES)), project.resolve("dbt_packages"));
            return null;
        }
        Path output = dir.resolve("dbt-" + String.join("-", command).replaceAll("[^\\w.-]+", "_") + ".log");
        List<String> arguments = new ArrayList<>(List.of(dbt));
        arguments.addAll(List.of(command));
        arguments.addAll(List.of("--project-dir", project.toString(), "--profiles-dir", project.toString(), "--target-path", target.toString()));
        ProcessBuilder process = new ProcessBuilder(arguments).redirectErrorStream(true).redirectOutput(output.toFile());
        process.environment().putAll(ScratchPostgres.libpqEnvironment(database));
        process.environment().putAll(Map.of("DBT_TARGET", "postgres", "DBT_SEND_ANONYMOUS_USAGE_STATS", "false"));
        Process started = process.start();
        boolean ended = started.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            started.destroyForcibly();
        }
        Set<Integer> expected = command[0].equals("source") ? Set.of(0, 1) : Set.of(0);
        String what = "dbt " + String.join(" ", command);
        assertThat(ended && expected.contains(started.exitValue())).as(what + ":\n" + Files.readString(output)).isTrue();
        assertThat(Files.readString(output)).as(what + " warns of nothing deprecated").doesNotContainIgnoringCase("deprecat");
        return output;
    }

    /** Every table and view of the project's schemas, each as its rows (sorted, so compared as a multiset). */
    static Map<String, List<String>> relations(Warehouse warehouse) throws Exception {
        Map<String, List<String>> relations = new TreeMap<>();
        List<String> names = new ArrayList<>();
        try (Connection c = warehouse.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select table_schema || '.' || table_name from information_schema.tables where table_schema in ('"
                        + String.join("', '", SCHEMAS) + "')")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        for (String name : names) {
            relations.put(name, rows(warehouse, name));
        }
        return relations;
    }

    /** The warehouse clock at a run: a row's stamp, and the stamp of the version a row replaced. */
    private static final Set<String> RUN_CLOCK_COLUMNS = Set.of("_transformed_at", "_prev_transformed_at");

    private static List<String> rows(Warehouse warehouse, String relation) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = warehouse.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select * from " + relation)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, String> row = new TreeMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String column = meta.getColumnName(i);
                    if (!RUN_CLOCK_COLUMNS.contains(column) && !DbtProjectIT.SNAPSHOT_CLOCK_COLUMNS.contains(column)) {
                        Object value = rs.getObject(i);
                        row.put(meta.getColumnName(i), value == null ? "null" : value.toString());
                    }
                }
                rows.add(row.toString());
            }
        }
        rows.sort(null);
        return rows;
    }

    private static void execute(Warehouse warehouse, String... statements) throws Exception {
        try (Connection c = warehouse.connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    /** The project without what a build leaves in it (target, dbt_packages, logs). */
    static Path copyProject(Path from, Path to) {
        Set<String> leftOut = Set.of("target", "dbt_packages", "logs");
        return SampleProject.copy(from, to, relative -> relative.toString().isEmpty() || !leftOut.contains(relative.getName(0).toString()));
    }

    /** The differences the fidelity table of dbt/README.md accepts: the first cell of each row, a field in backquotes. */
    static final class FidelityTable {

        private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\|", Pattern.MULTILINE);

        static Set<String> knownDifferences(Path readme) throws IOException {
            String text = Files.readString(readme);
            int start = text.indexOf("### Where the artifacts differ from dbt's");
            assertThat(start).as("dbt/README.md has the fidelity table of the artifacts").isNotNegative();
            int end = text.indexOf("\n## ", start);
            Matcher m = ROW.matcher(end < 0 ? text.substring(start) : text.substring(start, end));
            Set<String> fields = new TreeSet<>();
            while (m.find()) {
                fields.add(m.group(1));
            }
            return fields;
        }
    }
}
