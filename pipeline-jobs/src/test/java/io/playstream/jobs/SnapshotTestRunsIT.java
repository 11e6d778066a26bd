package io.playstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.PlaystreamException;
import io.playstream.jobs.testing.DbtProjectCopy;
import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.testing.SimulatedBronze;
import io.playstream.warehouse.Warehouse;
import io.playstream.warehouse.Warehouses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data tests run on a snapshot of the real stages (DuckDB, the dbt project): reported as a
 * tests-only transform is; a test that errors, which ends the snapshot's transaction, is taken
 * again under the transform lock, so every other test still has its own outcome.
 */
class SnapshotTestRunsIT {

    private static final String DATA_TESTS = "resource_type:test";

    @TempDir
    Path dir;

    private Warehouse warehouse;
    private FileSystemObjectStore store;
    private CoreStages stages;
    private Path project;

    @BeforeEach
    void modelsBuiltOnDuckDb() {
        warehouse = Warehouses.open("duckdb:" + dir.resolve("warehouse.duckdb"), Map.of());
        store = new FileSystemObjectStore(dir.resolve("lake"));
        project = DbtProjectCopy.into(dir.resolve("dbt"));
        stages = new CoreStages(warehouse, store, project, Map.of());
        new SimulatedBronze(store).writeHours(Instant.parse("2025-12-10T15:00:00Z"), 1, 50, 7);
        stages.load(Optional.empty());
        stages.catchUp(false);
    }

    @AfterEach
    void close() throws Exception {
        warehouse.close();
        store.close();
    }

    @Test
    void aRunOnASnapshotIsReportedAsATestsOnlyTransform() throws Exception {
        StageReport tested;
        try (WarehouseSnapshot snapshot = stages.pinSnapshot().orElseThrow()) {
            tested = snapshot.transform(DATA_TESTS);
        }

        assertThat(tested.count("passed")).isPositive();
        assertThat(tested.count("nodes")).isEqualTo(tested.count("passed"));
        assertThat(runResults().path("args").path("which").asText()).isEqualTo("build");
    }

    @Test
    void aTestThatErrorsIsTakenAgainUnderTheLockSoTheOthersKeepTheirOwnOutcome() throws Exception {
        Files.writeString(project.resolve("tests/assert_broken.sql"), "select no_such_column from {{ ref('stg_events') }}\n");

        try (WarehouseSnapshot snapshot = stages.pinSnapshot().orElseThrow()) {
            assertThatThrownBy(() -> snapshot.transform(DATA_TESTS)).isInstanceOf(PlaystreamException.class)
                    .hasMessageStartingWith("transform failed: assert_broken: Database Error");
        }

        JsonNode results = runResults().path("results");
        assertThat(StreamSupport.stream(results.spliterator(), false)
                .filter(r -> !r.path("unique_id").asText().endsWith(".assert_broken"))
                .map(r -> r.path("status").asText())).isNotEmpty().allMatch("pass"::equals);
    }

    private JsonNode runResults() throws Exception {
        return new ObjectMapper().readTree(project.resolve("target/run_results.json").toFile());
    }
}
