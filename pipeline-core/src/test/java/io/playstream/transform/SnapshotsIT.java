package io.playstream.transform;

import static io.playstream.transform.SnapshotScenario.T1;
import static io.playstream.transform.SnapshotScenario.T2;
import static io.playstream.transform.SnapshotScenario.T3;
import static io.playstream.transform.SnapshotScenario.T4;
import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.testing.ScratchPostgres;
import io.playstream.transform.internal.artifact.DbtSchemas;
import io.playstream.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots on DuckDB and PostgreSQL over {@link SnapshotScenario}'s five builds: the timestamp
 * and check strategies, each hard-delete mode, a list key, dbt_valid_to_current and renamed meta
 * columns, with the versions dbt's semantics give (worked out by hand below, and held to real
 * dbt's by {@link RealDbtConformanceIT}); the snapshot built after its source and before the model
 * that refs it; {@code resource_type:snapshot} selection; {@code --full-refresh} keeps the history;
 * the YAML {@code relation:} form builds what the block form builds.
 */
class SnapshotsIT {

    @TempDir
    Path dir;

    @Test
    void onDuckDb() throws Exception {
        scenario(JdbcWarehouse.duckdb(dir.resolve("snaps.duckdb")), "main");
    }

    @Test
    void onPostgres() throws Exception {
        try (ScratchPostgres database = ScratchPostgres.create("snapshots_it")) {
            scenario(database.warehouse(), "public");
        }
    }

    private void scenario(Warehouse warehouse, String targetSchema) throws Exception {
        String history = targetSchema + "_history";
        Path blocks = SnapshotScenario.project(dir.resolve("blocks-" + targetSchema), false);
        Path yaml = SnapshotScenario.project(dir.resolve("yaml-" + targetSchema), true);
        List<String> log = new ArrayList<>();
        TransformOptions options = TransformOptions.of(blocks).withTargetPath(dir.resolve("target-" + targetSchema));
        for (int step = 0; step < SnapshotScenario.STEPS.size(); step++) {
            SnapshotScenario.applyStep(warehouse, step);
            RunSummary run = new TransformRunner(warehouse, log::add).run(options);
            assertThat(run.succeeded()).as(String.join("\n", log)).isTrue();
            if (step == 0) {
                assertThat(run.results().stream().map(r -> r.resourceType() + " " + r.name()).toList())
                        .as("a snapshot after its source, the model reading it after it")
                        .containsSubsequence("snapshot customers_by_time", "model current_customers");
                assertThat(run.result("snapshot.snaps.customers_by_time").orElseThrow().message()).isEqualTo("SELECT 3");
            }
            if (step == 1) {
                assertThat(run.result("snapshot.snaps.customers_by_time").orElseThrow().rowsAffected()).as("two new versions").isEqualTo(2);
            }
            // the same snapshot defined with relation: in YAML, built beside it in its own database schema
            RunSummary fromYaml = new TransformRunner(warehouse, log::add).run(TransformOptions.of(yaml).withTargetPath(dir.resolve("yaml-target"))
                    .withSelect("customers_by_check"));
            assertThat(fromYaml.succeeded()).as(String.join("\n", log)).isTrue();
        }

        assertThat(SnapshotScenario.rows(warehouse, history, SnapshotScenario.SNAPSHOTS.get(0))).containsExactlyInAnyOrder(
                byTime(1, "ann", "gold", null, T1, T2), byTime(1, "ann", "platinum", null, T2, null),
                byTime(2, "bob", "silver", null, T1, T4), byTime(2, "bob", "silver", "eu", T4, null),
                byTime(3, "cy", null, null, T1, T3), byTime(3, "cy", "bronze", null, T3, null),
                byTime(4, "dee", "gold", null, T2, null));
        // check strategy on name and tier without updated_at: versions start at the build's clock; a delete ends one
        assertThat(SnapshotScenario.rows(warehouse, history, SnapshotScenario.SNAPSHOTS.get(1))).containsExactlyInAnyOrder(
                byCheck(1, "ann", "gold", T1, "clock1", "clock2"), byCheck(1, "ann", "platinum", T2, "clock2", null),
                byCheck(2, "bob", "silver", T1, "clock1", null),
                byCheck(3, "cy", null, T1, "clock1", "clock2"), byCheck(3, "cy", "bronze", T3, "clock3", null),
                byCheck(4, "dee", "gold", T2, "clock2", null));
        assertThat(DbtProjectIT.rows(warehouse, "select id, tier from " + targetSchema + ".current_customers order by id"))
                .containsExactly("{id=1, tier=platinum}", "{id=2, tier=silver}", "{id=3, tier=bronze}", "{id=4, tier=gold}");
        // new_record: a deleted marker; check_cols all: the new column changes every current row
        List<String> allColumns = SnapshotScenario.rows(warehouse, history, SnapshotScenario.SNAPSHOTS.get(2));
        assertThat(allColumns).hasSize(11).filteredOn(r -> r.contains("dbt_is_deleted=True")).singleElement().asString()
                .contains("id=3", "dbt_valid_from=clock2", "dbt_valid_to=clock3", "scd_recipe=other");
        assertThat(allColumns).filteredOn(r -> r.contains("dbt_valid_to=null")).hasSize(4).allMatch(r -> r.contains("dbt_valid_from=clock4"));
        List<String> renamed = SnapshotScenario.rows(warehouse, history, SnapshotScenario.SNAPSHOTS.get(3));
        assertThat(renamed).hasSize(8).filteredOn(r -> r.contains("valid_to=9999-12-31 00:00:00")).hasSize(4);
        assertThat(renamed).filteredOn(r -> r.contains("is_deleted=True")).singleElement().asString()
                .contains("id=3", "valid_from=clock1", "valid_to=" + T3);
        assertThat(SnapshotScenario.rows(warehouse, history + "_yaml", SnapshotScenario.SNAPSHOTS.get(1)))
                .as("relation: in YAML builds what the block builds")
                .isEqualTo(SnapshotScenario.rows(warehouse, history, SnapshotScenario.SNAPSHOTS.get(1)));

        // --full-refresh drops and rebuilds models, never a snapshot's history
        RunSummary refreshed = new TransformRunner(warehouse, log::add).run(options.withFullRefresh(true).withSelect("resource_type:snapshot"));
        assertThat(refreshed.results()).extracting(NodeResult::resourceType).containsOnly("snapshot", "test");
        assertThat(SnapshotScenario.rows(warehouse, history, SnapshotScenario.SNAPSHOTS.get(0))).hasSize(7);
        for (String artifact : List.of("manifest.json", "run_results.json")) {
            assertThat(DbtSchemas.errors(refreshed.targetDir().resolve(artifact))).as(artifact + " against dbt's schema").isEmpty();
        }
    }

    private static String byTime(int id, String name, String tier, String region, String from, String to) {
        return "{dbt_updated_at=" + from + ", dbt_valid_from=" + from + ", dbt_valid_to=" + to + ", id=" + id + ", name=" + name
                + ", region=" + region + ", scd_recipe=recipe, tier=" + tier + ", updated_at=" + from + "}";
    }

    private static String byCheck(int id, String name, String tier, String updatedAt, String from, String to) {
        return "{dbt_updated_at=" + from + ", dbt_valid_from=" + from + ", dbt_valid_to=" + to + ", id=" + id + ", name=" + name
                + ", region=null, scd_recipe=recipe, tier=" + tier + ", updated_at=" + updatedAt + "}";
    }
}
