package io.playstream.jobs;

import static io.playstream.jobs.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.jobs.runtime.JobsRuntime;
import io.playstream.jobs.runtime.JobsSettings;
import io.playstream.jobs.testing.JobRunrTables;
import io.playstream.jobs.testing.RealStages;
import io.playstream.jobs.testing.ScratchPostgres;
import io.playstream.jobs.testing.TransformLock;
import io.playstream.testing.SimulatedBronze.BronzeObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads faster than transforms: the follow-up transforms are coalesced (at most one waits), the
 * loads keep their workers, and every loaded row still ends up transformed. The transform is made
 * slow for real: the test holds the warehouse's transform lock, so the first follow-up transform
 * starts and waits on it, as it would behind a long transform.
 */
class FollowUpTransformsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Instant DAY = Instant.parse("2025-12-11T00:00:00Z");
    private static final int LOADS_DURING_THE_TRANSFORM = 6;

    @TempDir
    Path dataDir;

    private RealStages real;
    private ScratchPostgres jobStore;
    private JobsRuntime runtime;

    @BeforeEach
    void startJobRunrOnThePostgresStore() {
        real = RealStages.onPostgres(dataDir);
        jobStore = ScratchPostgres.create("playstream_followups_it");
        runtime = JobsRuntime.start(JobsSettings.embedded(dataDir).withStorage(jobStore.url()).withRetries(3, 1),
                real.stages(), List.of());
    }

    @AfterEach
    void stopJobRunr() {
        try {
            runtime.close();
        } finally {
            try {
                jobStore.close();
            } finally {
                real.close();
            }
        }
    }

    @Test
    void manyLoadsDuringASlowTransformLeaveOneTransformWaitingAndAllTheirRowsTransformed() {
        JobRunrTables jobs = new JobRunrTables(jobStore);
        List<BronzeObject> written = new ArrayList<>();
        UUID running;
        UUID explicit;
        try (TransformLock lock = TransformLock.hold(real.warehouse())) {
            written.addAll(real.bronze().writeHours(DAY, 1, 40, 1));
            UUID first = runtime.runs().submit(PipelineRuns.runIdFor("first"), new LoadRequest(null));
            assertThat(awaitFinal(first).state()).isEqualTo(RunState.SUCCEEDED);
            running = PipelineRuns.transformIdAfter(first);
            lock.awaitWaitingTransform();
            // an API transform is neither coalesced nor counted as a follow-up: it waits beside it
            explicit = runtime.runs().submit(PipelineRuns.runIdFor("asked-for"), TransformRequest.all());

            for (int i = 1; i <= LOADS_DURING_THE_TRANSFORM; i++) {
                written.addAll(real.bronze().writeHours(DAY.plusSeconds(i * 3600L), 1, 40, 1 + i));
                UUID load = runtime.runs().submit(PipelineRuns.runIdFor("during-" + i), new LoadRequest(null));

                // each load runs to its end while the transform holds a worker waiting for the lock
                assertThat(awaitFinal(load).state()).isEqualTo(RunState.SUCCEEDED);
                assertThat(runtime.runs().find(PipelineRuns.transformIdAfter(load))).isEmpty();
                assertThat(runtime.runs().find(running).orElseThrow().state()).isEqualTo(RunState.PROCESSING);
                // the one attached to the running follow-up, plus the API's (waiting for a worker or for the lock)
                assertThat(jobs.waitingTransforms()).isLessThanOrEqualTo(2);
            }
            assertThat(runtime.runs().find(PipelineRuns.transformIdAfter(running)).orElseThrow().state())
                    .isEqualTo(RunState.ENQUEUED);
            assertThat(real.audit().loads()).isEqualTo(1 + LOADS_DURING_THE_TRANSFORM);
            assertThat(real.audit().transforms()).isZero();
        }

        assertThat(awaitFinal(running).state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(awaitFinal(explicit).state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(awaitFinal(PipelineRuns.transformIdAfter(running)).state()).isEqualTo(RunState.SUCCEEDED);
        // three transforms for seven loads: the first follow-up, the API's, and one for every load during them
        assertThat(real.audit().transforms()).isEqualTo(3);
        for (BronzeObject object : written) {
            assertThat(real.silverEventsFrom(object.key())).as(object.key()).isEqualTo(object.eventIds().size());
        }
    }

    @Test
    void aLoadAfterTheTransformsEndedGetsAFollowUpOfItsOwn() {
        real.bronze().writeHours(DAY, 1, 30, 11);
        UUID first = runtime.runs().submit(PipelineRuns.runIdFor("before"), new LoadRequest(null));
        assertThat(awaitFinal(PipelineRuns.transformIdAfter(first)).state()).isEqualTo(RunState.SUCCEEDED);

        BronzeObject later = real.bronze().writeHours(DAY.plusSeconds(3600), 1, 30, 12).get(0);
        UUID second = runtime.runs().submit(PipelineRuns.runIdFor("after"), new LoadRequest(null));

        assertThat(awaitFinal(PipelineRuns.transformIdAfter(second)).state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(real.silverEventsFrom(later.key())).isEqualTo(later.eventIds().size());
        assertThat(real.audit().transforms()).isEqualTo(2);
    }

    private RunView awaitFinal(UUID run) {
        return await(PATIENCE, () -> runtime.runs().find(run), v -> v.isPresent() && v.get().state().isFinal()).orElseThrow();
    }
}
