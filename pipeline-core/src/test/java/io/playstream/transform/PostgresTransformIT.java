package io.playstream.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.playstream.PlaystreamException;
import io.playstream.testing.ScratchPostgres;
import io.playstream.warehouse.Warehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The runner on the local PostgreSQL server, in a database of its own. */
class PostgresTransformIT extends TransformRunnerContract {

    static ScratchPostgres database;

    @BeforeAll
    static void createDatabase() {
        database = ScratchPostgres.create("transform_it");
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Override
    @BeforeEach
    void createRawTable() {
        execute("drop schema if exists analytics_staging cascade");
        execute("drop schema if exists analytics_marts cascade");
        // the state of the runs before (in the target schema): raw.plays is made again with the same rows
        execute("drop schema if exists analytics cascade");
        super.createRawTable();
    }

    @Override
    Warehouse warehouse() {
        return database.warehouse();
    }

    /**
     * The fault-injection suite terminates the runner's session mid-transform (pg_terminate_backend):
     * that must fail the run as retriable, so the job is run again, not as a broken model, which
     * the job boundary would fail for good. Here the model's own statement terminates its session.
     */
    @Test
    void aTerminatedSessionFailsTheRunAsRetriableNotAsAModelError() {
        run();
        SampleProject.write(project, "models/marts/song_stats.sql", "select pg_terminate_backend(pg_backend_pid()) as cut_off");

        PlaystreamException failure = catchThrowableOfType(PlaystreamException.class, this::run);

        assertThat(failure.isRetriable()).as(failure.getMessage()).isTrue();
        assertThat(rows("select count(*) from analytics_marts.song_stats")).containsExactly("3");
    }

    /**
     * The fault-injection suite found silver's incremental run taking minutes on a few thousand new
     * rows: the planner, underestimating the new batch, joined it to the table on its key by a nested
     * loop over sequential scans. The project declares an index on the key (dbt-postgres'
     * {@code indexes} config), and the runner builds exactly the declared indexes, when it creates
     * the table, as dbt-postgres does: none on a model that declares none.
     */
    @Test
    void theRunnerBuildsExactlyTheDeclaredIndexes() {
        run();
        insertPlays("('p6', 'u4', 'Song C', 'play', timestamp '2025-12-10 11:00:00', '5', timestamp '2025-12-10 12:00:00')");

        RunSummary incremental = run();

        assertThat(incremental.succeeded()).as(String.join("\n", log)).isTrue();
        assertThat(rows("select tablename || ': ' || indexdef from pg_indexes where schemaname like 'analytics_%'"))
                .containsExactly("stg_plays: CREATE INDEX stg_plays__play_id ON analytics_staging.stg_plays USING btree (play_id)");
        assertThat(rows("select count(*) from analytics_staging.stg_plays")).containsExactly("6");
    }

    /**
     * A micro-batch's statements read few rows but are estimated far above PostgreSQL's JIT
     * threshold, and compiling cost more than running (the quarantine's: 1.64 s of 2.13 s): the
     * runner's session turns JIT off, and a model sees it so.
     */
    @Test
    void theRunnersSessionRunsWithoutJit() {
        SampleProject.write(project, "models/marts/session_settings.sql", "select current_setting('jit') as jit");

        RunSummary summary = run();

        assertThat(summary.succeeded()).as(String.join("\n", log)).isTrue();
        assertThat(rows("select jit from analytics_marts.session_settings")).containsExactly("off");
    }
}
