package io.playstream.app.run;

import static io.playstream.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.app.config.ConfigLoader;
import io.playstream.app.config.PlaystreamConfig;
import io.playstream.jobs.PipelineRuns;
import io.playstream.jobs.testing.JobRunrTables;
import io.playstream.jobs.testing.RealStages;
import io.playstream.testing.ScratchPostgres;
import io.playstream.testing.SimulatedBronze.BronzeObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code playstream run} instances configured with {@code jobs.storage} on one PostgreSQL
 * database and one recurring load, both running the real stages over one store folder and one
 * PostgreSQL warehouse, in scheduled mode: they share the schedule, and the warehouse sees every run
 * executed once (continuous mode with two instances: {@link ContinuousModeIT}).
 */
class TwoInstancesOnPostgresIT {

    @TempDir
    Path dataDir;

    @Test
    void bothInstancesShareOneScheduleAndTheWarehouseSeesEachRunExecutedOnce() {
        try (ScratchPostgres jobStore = ScratchPostgres.create("playstream_app_it");
             RealStages real = RealStages.onPostgres(dataDir.resolve("pipeline"))) {
            List<BronzeObject> written = real.bronze().writeHours(Instant.parse("2025-12-10T15:00:00Z"), 2, 50, 21);
            JobRunrTables jobRunr = new JobRunrTables(jobStore);
            try (AppServices one = AppServices.start(config(jobStore, "one"), real.stages());
                 AppServices two = AppServices.start(config(jobStore, "two"), real.anotherInstance(dataDir.resolve("two")))) {
                // between two due runs the warehouse's count of load executions and JobRunr's count of succeeded
                // runs meet; a run executed twice would leave the warehouse's count ahead for good
                await(Duration.ofSeconds(90), () -> List.of(real.audit().loads(), jobRunr.succeededRunsOf(PipelineRuns.RECURRING_LOAD_ID)),
                        counts -> counts.get(0) >= 3 && counts.get(0).equals(counts.get(1)));
            }

            // the first run loaded every object once and set off the only transform; later runs found nothing new
            assertThat(real.loadedObjects()).containsExactlyElementsOf(written.stream().map(BronzeObject::key).toList());
            assertThat(real.warehouse().number("select count(*) from bronze.spotify_events"))
                    .isEqualTo(written.stream().mapToLong(o -> o.events().size()).sum());
            assertThat(real.audit().transforms()).isEqualTo(1);
        }
    }

    private PlaystreamConfig config(ScratchPostgres jobStore, String instance) {
        return ConfigLoader.load(Optional.empty(), dataDir, Map.of(
                        "PLAYSTREAM_JOBS_STORAGE", jobStore.url(),
                        "PLAYSTREAM_SCHEDULE_LOAD", "PT5S",
                        "PLAYSTREAM_PIPELINE_MODE", "scheduled"),
                Map.of("data-dir", dataDir.resolve(instance).toString(), "http.port", "0", "jobs.port", "-1"));
    }
}
