package io.playstream.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.warehouse.Warehouse;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/** The runner on a real DuckDB file. */
class DuckDbTransformIT extends TransformRunnerContract {

    @Override
    Warehouse warehouse() {
        return JdbcWarehouse.duckdb(dir.resolve("warehouse.duckdb"));
    }

    /**
     * Continuous mode's data tests: run on a snapshot pinned after one build, without the transform
     * lock, while the next build commits. They see the models as that one build left them, and the
     * passed tests' state they write commits beside the models' state the other build wrote.
     */
    @Test
    void testsOnAPinnedSnapshotSeeTheModelsAsTheyWereAndTheirStateCommitsBesideAConcurrentBuild() throws Exception {
        SampleProject.write(project, "tests/assert_no_song_z.sql", "select * from {{ ref('stg_plays') }} where song = 'Song Z'\n");
        TransformOptions modelsOnly = TransformOptions.of(project).withTests(false);
        assertThat(run(modelsOnly).succeeded()).as(String.join("\n", log)).isTrue();

        RunSummary tests;
        try (Connection pinned = warehouse().connectAtSnapshot().orElseThrow()) {
            insertPlays("('p9', 'u9', 'Song Z', 'play', timestamp '2025-12-10 12:00:00', '1', timestamp '2025-12-10 13:00:00')");
            RunSummary next = run(modelsOnly);
            assertThat(next.succeeded()).as(String.join("\n", log)).isTrue();
            assertThat(rows("select count(*) from analytics_staging.stg_plays where song = 'Song Z'")).containsExactly("1");

            tests = new TransformRunner(warehouse(), log::add).runInTransaction(modelsOnly.withTests(true).withSelect("resource_type:test"), pinned);
            pinned.commit();
        }

        assertThat(tests.succeeded()).as(String.join("\n", log)).isTrue();
        assertThat(result(tests, "assert_no_song_z").status()).as("the build after the pin is not seen").isEqualTo(NodeStatus.PASS);
        long passed = tests.count(NodeStatus.PASS);
        assertThat(rows("select count(*) from analytics._playstream_model_state where node_id like 'test.%'"))
                .containsExactly(String.valueOf(passed));
        RunSummary again = run(modelsOnly);
        assertThat(again.reused()).as("the concurrent build's states are there: nothing to build").isEqualTo(again.results().size());
        RunSummary after = run(TransformOptions.of(project).withSelect("resource_type:test"));
        assertThat(result(after, "assert_no_song_z").status()).as("a run after the build sees it").isEqualTo(NodeStatus.FAIL);
    }
}
