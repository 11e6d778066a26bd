package io.playstream.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.transform.internal.artifact.DbtSchemas;
import io.playstream.warehouse.Warehouse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the runner must do on every warehouse, on the sample project; one subclass per warehouse. */
abstract class TransformRunnerContract {

    @TempDir
    Path dir;

    Path project;
    final List<String> log = new ArrayList<>();

    abstract Warehouse warehouse();

    @BeforeEach
    void createRawTable() {
        project = SampleProject.copyTo(dir.resolve("project"));
        execute("create schema if not exists raw");
        execute("drop table if exists raw.plays");
        execute("create table raw.plays (play_id varchar, user_id varchar, song varchar, kind varchar, "
                + "played_at timestamp, ms varchar, loaded_at timestamp)");
        insertPlays("('p1', 'u1', 'Song A', 'play', timestamp '2025-12-10 10:00:00', '1000', timestamp '2025-12-10 11:00:00')",
                "('p2', 'u2', 'Song A', 'skip', timestamp '2025-12-10 10:01:00', '2000', timestamp '2025-12-10 11:00:00')",
                "('p3', 'u1', 'Song B', 'play', timestamp '2025-12-10 10:02:00', 'n/a', timestamp '2025-12-10 11:00:00')",
                "('p4', null, 'Song B', 'pause', timestamp '2025-12-10 10:03:00', '10', timestamp '2025-12-10 11:00:00')",
                "('p5', 'u3', 'Song C', 'play', timestamp '2025-12-10 10:04:00', '0', timestamp '2025-12-10 11:00:00')");
    }

    void insertPlays(String... rows) {
        execute("insert into raw.plays values " + String.join(", ", rows));
    }

    RunSummary run(TransformOptions options) {
        return new TransformRunner(warehouse(), log::add).run(options);
    }

    RunSummary run() {
        return run(TransformOptions.of(project));
    }

    static NodeResult result(RunSummary summary, String name) {
        return summary.results().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name + " did not run"));
    }

    @Test
    void buildsEveryMaterializationAndRunsEveryTest() {
        RunSummary summary = run();

        assertThat(summary.succeeded()).as(String.join("\n", log)).isTrue();
        assertThat(relationType("analytics_staging", "stg_plays")).contains("BASE TABLE");
        assertThat(relationType("analytics_staging", "plays_appended")).contains("BASE TABLE");
        assertThat(relationType("analytics_staging", "user_songs")).contains("VIEW");
        assertThat(relationType("analytics_marts", "song_stats")).contains("BASE TABLE");
        assertThat(relationType("analytics_staging", "valid_plays")).as("ephemeral: inlined, never built").isEmpty();
        assertThat(rows("select song, plays, skips, listeners from analytics_marts.song_stats order by song"))
                .containsExactly("Song A|1|1|2", "Song B|1|0|1", "Song C|1|0|1");
        assertThat(rows("select song, plays from analytics_marts.top_song")).containsExactly("Song A|1");
        assertThat(rows("select play_id, ms from analytics_staging.stg_plays where play_id in ('p1', 'p3') order by play_id"))
                .as("the project's dispatched macro").containsExactly("p1|1000", "p3|null");
        assertThat(result(summary, "stg_plays").rowsAffected()).isEqualTo(5);
        assertThat(result(summary, "unique_stg_plays_play_id").status()).isEqualTo(NodeStatus.PASS);
        assertThat(result(summary, "not_null_user_songs_user_id").status()).as("severity warn").isEqualTo(NodeStatus.WARN);
        assertThat(result(summary, "assert_no_future_plays").status()).isEqualTo(NodeStatus.PASS);
        assertThat(summary.results()).filteredOn(r -> r.resourceType().equals("test")).hasSize(15);
        assertThat(log).anyMatch(l -> l.matches("\\d+ of 20 START sql table model analytics_marts\\.song_stats \\.+ \\[RUN]"));
        assertThat(log).anyMatch(l -> l.matches("\\d+ of 20 OK created sql table model analytics_marts\\.song_stats \\.+ \\[OK 3 in \\d+\\.\\d\\ds]"));
        assertThat(log).anyMatch(l -> l.matches("\\d+ of 20 PASS unique_stg_plays_play_id \\.+ \\[PASS in \\d+\\.\\d\\ds]"));
        assertThat(log).contains("Done. PASS=19 WARN=1 ERROR=0 SKIP=0 NO-OP=0 TOTAL=20");
    }

    @Test
    void aNodeListenerHearsEveryNodeStartAndEndInPlanOrderWithItsResult() {
        List<String> started = new ArrayList<>();
        List<NodeResult> finished = new ArrayList<>();
        List<Integer> totals = new ArrayList<>();
        NodeListener listener = new NodeListener() {
            @Override
            public void started(int index, int total, String name) {
                started.add(index + " " + name);
                totals.add(total);
            }

            @Override
            public void finished(int index, int total, NodeResult result) {
                assertThat(started).last().isEqualTo(index + " " + result.name());
                finished.add(result);
            }
        };

        RunSummary summary = new TransformRunner(warehouse(), log::add, listener).run(TransformOptions.of(project));

        int nodes = summary.results().size();
        assertThat(nodes).isGreaterThan(3);
        assertThat(finished).containsExactlyElementsOf(summary.results());
        assertThat(started).hasSize(nodes).first().isEqualTo("1 " + summary.results().get(0).name());
        assertThat(totals).containsOnly(nodes);
    }

    @Test
    void aSecondIncrementalRunTouchesOnlyNewRowsAndEqualsAFullRefresh() {
        run();
        insertPlays("('p6', 'u4', 'Song C', 'play', timestamp '2025-12-10 11:00:00', '5', timestamp '2025-12-10 12:00:00')",
                "('p7', 'u4', 'Song D', 'skip', timestamp '2025-12-10 11:01:00', '6', timestamp '2025-12-10 12:00:00')");

        RunSummary incremental = run();

        assertThat(incremental.succeeded()).as(String.join("\n", log)).isTrue();
        assertThat(result(incremental, "stg_plays").rowsAffected()).isEqualTo(2);
        assertThat(result(incremental, "plays_appended").rowsAffected()).isEqualTo(2);
        List<String> afterIncremental = rows("select * from analytics_staging.stg_plays order by play_id");
        List<String> appended = rows("select * from analytics_staging.plays_appended order by play_id");
        RunSummary refreshed = run(TransformOptions.of(project).withFullRefresh(true));
        assertThat(result(refreshed, "stg_plays").rowsAffected()).isEqualTo(7);
        assertThat(rows("select * from analytics_staging.stg_plays order by play_id")).hasSize(7).isEqualTo(afterIncremental);
        assertThat(rows("select * from analytics_staging.plays_appended order by play_id")).isEqualTo(appended);
    }

    @Test
    void deleteInsertAndMergeReplaceTheRowsOfAKeySeenAgain() {
        for (String strategy : List.of("delete+insert", "merge")) {
            TransformOptions options = TransformOptions.of(project).withVars("{strategy: '" + strategy + "'}");
            run(options.withFullRefresh(true));
            execute("update raw.plays set kind = 'skip', played_at = played_at + interval '1 hour' where play_id = 'p5'");

            // an update in place that leaves loaded_at as it was is invisible to state-aware builds
            RunSummary again = run(options.withSelect("stg_plays").withStateAware(false));

            assertThat(again.succeeded()).as(String.join("\n", log)).isTrue();
            assertThat(result(again, "stg_plays").rowsAffected()).as(strategy).isEqualTo(1);
            assertThat(result(again, "stg_plays").message()).startsWith(strategy.equals("merge") ? "MERGE" : "INSERT");
            assertThat(rows("select count(*) from analytics_staging.stg_plays")).containsExactly("5");
            assertThat(rows("select kind from analytics_staging.stg_plays where play_id = 'p5'")).containsExactly("skip");
        }
    }

    @Test
    void onSchemaChangeAppendsNewColumnsOrStopsTheModel() {
        run(TransformOptions.of(project).withSelect("plays_appended"));
        SampleProject.write(project, "models/staging/plays_appended.sql", """
                {{ config(materialized='incremental', on_schema_change='append_new_columns') }}
                select play_id, kind, played_at, ms as ms_text
                from {{ source('raw', 'plays') }}
                {% if is_incremental() %}where played_at > (select max(played_at) from {{ this }}){% endif %}
                """);
        insertPlays("('p6', 'u4', 'Song C', 'play', timestamp '2025-12-10 11:00:00', '5', timestamp '2025-12-10 12:00:00')");

        RunSummary appended = run(TransformOptions.of(project).withSelect("plays_appended"));

        assertThat(appended.succeeded()).as(String.join("\n", log)).isTrue();
        assertThat(rows("select play_id, ms_text from analytics_staging.plays_appended where play_id in ('p1', 'p6') order by play_id"))
                .containsExactly("p1|null", "p6|5");

        SampleProject.write(project, "models/staging/plays_appended.sql", """
                {{ config(materialized='incremental', on_schema_change='fail') }}
                select play_id, kind, played_at, ms as ms_text, song
                from {{ source('raw', 'plays') }}
                """);
        RunSummary failed = run(TransformOptions.of(project).withSelect("plays_appended"));

        assertThat(result(failed, "plays_appended").status()).isEqualTo(NodeStatus.ERROR);
        assertThat(result(failed, "plays_appended").message()).contains("models/staging/plays_appended.sql")
                .contains("out of sync").contains("song");
    }

    @Test
    void aRefOnlyInTheIncrementalBranchFailsTheModelAsDbtDoesUntilItIsDeclared() {
        String model = """
                {{ config(materialized='incremental') }}
                select play_id, played_at from {{ source('raw', 'plays') }}
                {% if is_incremental() %}where played_at > (select max(played_at) from {{ ref('valid_plays') }}){% endif %}
                """;
        SampleProject.write(project, "models/staging/plays_since.sql", model);

        RunSummary hidden = run(TransformOptions.of(project).withSelect("+plays_since"));

        assertThat(result(hidden, "plays_since").status()).isEqualTo(NodeStatus.ERROR);
        assertThat(result(hidden, "plays_since").message()).contains("dbt was unable to infer all dependencies for the model \"plays_since\"")
                .contains("-- depends_on: {{ ref('valid_plays') }}");

        SampleProject.write(project, "models/staging/plays_since.sql", "-- depends_on: {{ ref('valid_plays') }}\n" + model);
        RunSummary declared = run(TransformOptions.of(project).withSelect("+plays_since"));
        assertThat(result(declared, "plays_since").status()).as(String.join("\n", log)).isEqualTo(NodeStatus.SUCCESS);
    }

    @Test
    void aDuplicatedKeyMakesTheUniqueTestFailAsDbtReportsItAndSkipsWhatReadsTheModel() throws Exception {
        insertPlays("('p1', 'u9', 'Song A', 'play', timestamp '2025-12-10 09:00:00', '1', timestamp '2025-12-10 11:00:00')",
                "('p2', 'u9', 'Song A', 'play', timestamp '2025-12-10 09:00:00', '1', timestamp '2025-12-10 11:00:00')",
                "('p3', 'u9', 'Song A', 'play', timestamp '2025-12-10 09:00:00', '1', timestamp '2025-12-10 11:00:00')");

        RunSummary summary = run();

        assertThat(summary.succeeded()).isFalse();
        NodeResult unique = result(summary, "unique_stg_plays_play_id");
        assertThat(unique.status()).isEqualTo(NodeStatus.FAIL);
        assertThat(unique.failures()).isEqualTo(3L);
        assertThat(unique.message()).isEqualTo("Got 3 results, configured to fail if != 0");
        assertThat(log).anyMatch(l -> l.matches("\\d+ of 20 FAIL 3 unique_stg_plays_play_id \\.+ \\[FAIL 3 in \\d+\\.\\d\\ds]"));
        assertThat(log).anyMatch(l -> l.startsWith("Failure in test unique_stg_plays_play_id (" + unique.uniqueId() + ")"));
        assertThat(result(summary, "song_stats").status()).isEqualTo(NodeStatus.SKIPPED);
        assertThat(result(summary, "top_song").status()).isEqualTo(NodeStatus.SKIPPED);
        assertThat(result(summary, "not_null_stg_plays_play_id").status()).as("other tests of the model still run").isEqualTo(NodeStatus.PASS);
        JsonNode results = new ObjectMapper().readTree(summary.targetDir().resolve("run_results.json").toFile());
        JsonNode failed = findResult(results, unique.uniqueId());
        assertThat(failed.get("status").asText()).isEqualTo("fail");
        assertThat(failed.get("failures").asLong()).isEqualTo(3);
    }

    @Test
    void aFailedTableBuildLeavesTheOldTableAndSkipsItsChildren() {
        run();
        SampleProject.write(project, "models/marts/song_stats.sql", "select song, no_such_column from {{ ref('valid_plays') }}");

        RunSummary broken = run();

        assertThat(broken.succeeded()).isFalse();
        assertThat(result(broken, "song_stats").status()).isEqualTo(NodeStatus.ERROR);
        assertThat(result(broken, "song_stats").message()).startsWith("Database Error in model song_stats (models/marts/song_stats.sql)");
        assertThat(result(broken, "top_song").status()).isEqualTo(NodeStatus.SKIPPED);
        assertThat(rows("select count(*) from analytics_marts.song_stats")).containsExactly("3");
        assertThat(relationType("analytics_marts", "song_stats__dbt_tmp")).isEmpty();
    }

    @Test
    void selectionBuildsOnlyTheSelectedModelsAndTheirTests() {
        RunSummary summary = run(TransformOptions.of(project).withSelect("+song_stats"));

        assertThat(summary.results()).filteredOn(r -> r.resourceType().equals("model")).extracting(NodeResult::name)
                .containsExactly("stg_plays", "song_stats");
        assertThat(summary.results()).extracting(NodeResult::name).doesNotContain("unique_top_song_song", "not_null_user_songs_user_id")
                .contains("source_not_null_raw_plays_play_id", "unique_song_stats_song", "unique_stg_plays_play_id");
        assertThat(relationType("analytics_staging", "user_songs")).isEmpty();
        assertThat(relationType("analytics_marts", "top_song")).isEmpty();
    }

    @Test
    void writesRunResultsAndManifestInDbtsShape() throws Exception {
        RunSummary summary = run();
        ObjectMapper json = new ObjectMapper();

        JsonNode results = json.readTree(summary.targetDir().resolve("run_results.json").toFile());
        assertThat(results.at("/metadata/dbt_schema_version").asText()).isEqualTo("https://schemas.getdbt.com/dbt/run-results/v6.json");
        assertThat(results.at("/metadata/invocation_id").asText()).isNotBlank();
        assertThat(results.get("elapsed_time").isNumber()).isTrue();
        JsonNode stg = findResult(results, "model.sample.stg_plays");
        assertThat(stg.get("status").asText()).isEqualTo("success");
        assertThat(stg.at("/adapter_response/rows_affected").asLong()).isEqualTo(5);
        assertThat(stg.get("execution_time").isNumber()).isTrue();
        assertThat(stg.at("/timing/0/name").asText()).isEqualTo("compile");
        assertThat(stg.at("/timing/1/started_at").asText()).isNotBlank();
        assertThat(stg.get("message").asText()).isEqualTo("SELECT 5");

        JsonNode manifest = json.readTree(summary.targetDir().resolve("manifest.json").toFile());
        assertThat(manifest.at("/metadata/dbt_schema_version").asText()).isEqualTo("https://schemas.getdbt.com/dbt/manifest/v12.json");
        JsonNode songStats = manifest.at("/nodes/model.sample.song_stats");
        assertThat(songStats.get("resource_type").asText()).isEqualTo("model");
        assertThat(songStats.get("relation_name").asText()).matches("\"[^\"]+\"\\.\"analytics_marts\"\\.\"song_stats\"");
        assertThat(songStats.get("path").asText()).isEqualTo("marts/song_stats.sql");
        assertThat(songStats.at("/config/materialized").asText()).isEqualTo("table");
        assertThat(songStats.at("/depends_on/nodes/0").asText()).isEqualTo("model.sample.valid_plays");
        assertThat(manifest.at("/nodes/model.sample.stg_plays/depends_on/nodes/0").asText()).isEqualTo("source.sample.raw.plays");
        assertThat(manifest.at("/sources/source.sample.raw.plays/relation_name").asText()).endsWith(".\"raw\".\"plays\"");
        assertThat(manifest.at("/child_map/model.sample.stg_plays").toString()).contains("model.sample.valid_plays");
        assertThat(DbtSchemas.errors(results)).as("run_results.json against dbt's run-results v6 schema").isEmpty();
        assertThat(DbtSchemas.errors(manifest)).as("manifest.json against dbt's manifest v12 schema").isEmpty();
    }

    @Test
    void aRunnerKeptAcrossRunsWritesEachRunsOwnManifest() throws Exception {
        TransformRunner kept = new TransformRunner(warehouse(), log::add);
        ObjectMapper json = new ObjectMapper();
        RunSummary first = kept.run(TransformOptions.of(project));
        JsonNode firstManifest = json.readTree(first.targetDir().resolve("manifest.json").toFile());

        // built again rather than reused, so that it has code to show
        RunSummary second = kept.run(TransformOptions.of(project).withSelect("stg_plays").withStateAware(false));
        JsonNode secondManifest = json.readTree(second.targetDir().resolve("manifest.json").toFile());

        assertThat(first.succeeded() && second.succeeded()).as(String.join("\n", log)).isTrue();
        assertThat(firstManifest.at("/nodes/model.sample.song_stats/compiled_code").asText())
                .isEqualTo(result(first, "song_stats").compiledSql()).contains("analytics_staging");
        assertThat(secondManifest.at("/nodes/model.sample.stg_plays/compiled_code").asText())
                .isEqualTo(result(second, "stg_plays").compiledSql());
        assertThat(secondManifest.at("/nodes/model.sample.song_stats/compiled").asBoolean()).as("not compiled by this run").isFalse();
        assertThat(secondManifest.at("/nodes/model.sample.song_stats/compiled_code").isNull()).isTrue();
        assertThat(secondManifest.at("/metadata/invocation_id").asText()).isNotEqualTo(firstManifest.at("/metadata/invocation_id").asText());
        assertThat(DbtSchemas.errors(secondManifest)).isEmpty();
    }

    static JsonNode findResult(JsonNode runResults, String uniqueId) {
        for (JsonNode r : runResults.get("results")) {
            if (r.get("unique_id").asText().equals(uniqueId)) {
                return r;
            }
        }
        throw new AssertionError(uniqueId + " not in run_results.json");
    }

    Optional<String> relationType(String schema, String name) {
        List<String> types = rows("select table_type from information_schema.tables where table_schema = '" + schema
                + "' and table_name = '" + name + "'");
        return types.stream().findFirst();
    }

    void execute(String sql) {
        try (Connection c = warehouse().connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    List<String> rows(String sql) {
        try (Connection c = warehouse().connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(String.valueOf(rs.getObject(i)));
                }
                rows.add(String.join("|", values));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
