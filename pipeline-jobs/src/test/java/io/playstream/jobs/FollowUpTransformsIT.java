package io.playstream.jobs;

import static io.playstream.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.jobs.runtime.JobsRuntime;
import io.playstream.jobs.runtime.JobsSettings;
import io.playstream.jobs.testing.JobRunrTables;
import io.playstream.jobs.testing.RealStages;
import io.playstream.jobs.testing.TransformLock;
import io.playstream.testing.ScratchPostgres;
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
 * Loads faster than transforms (scheduled mode): the follow-up transforms are coalesced through
 * JobRunr's public API alone (loads name the follow-up by gold's coverage, so one job stands for
 * them all), the loads keep their workers, and every loaded row still ends up transformed. The transform is made
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
        UUID running = PipelineRuns.followUpId(real.stages().completeness());
        UUID explicit;
        try (TransformLock lock = TransformLock.hold(real.warehouse())) {
            written.addAll(real.bronze().writeHours(DAY, 1, 40, 1));
            UUID first = runtime.runs().submit(PipelineRuns.runIdFor("first"), new LoadRequest(null));
            assertThat(awaitFinal(first).state()).isEqualTo(RunState.SUCCEEDED);
            lock.awaitWaitingTransform();
            // an API transform is not a follow-up: it waits beside it
            explicit = runtime.runs().submit(PipelineRuns.runIdFor("asked-for"), TransformRequest.all());

            for (int i = 1; i <= LOADS_DURING_THE_TRANSFORM; i++) {
                written.addAll(real.bronze().writeHours(DAY.plusSeconds(i * 3600L), 1, 40, 1 + i));
                UUID load = runtime.runs().submit(PipelineRuns.runIdFor("during-" + i), new LoadRequest(null));

                // each load runs to its end while the transform holds a worker waiting for the lock; gold's
                // coverage has not moved, so each names the running follow-up, which exists: no new job
                assertThat(awaitFinal(load).state()).isEqualTo(RunState.SUCCEEDED);
                assertThat(runtime.runs().find(running).orElseThrow().state()).isEqualTo(RunState.PROCESSING);
                assertThat(jobs.waitingTransforms()).isLessThanOrEqualTo(1); // the API's
            }
            assertThat(real.audit().loads()).isEqualTo(1 + LOADS_DURING_THE_TRANSFORM);
            assertThat(real.audit().transforms()).isZero();
        }

        assertThat(awaitFinal(running).state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(awaitFinal(explicit).state()).isEqualTo(RunState.SUCCEEDED);
        // the running follow-up looked again when it ended: gold covers every load, and nothing waits
        await(PATIENCE, () -> real.stages().completeness(), s -> !s.goldBehind());
        await(PATIENCE, jobs::waitingOrRunningTransforms, n -> n == 0);
        // at most three transforms for seven loads: the first follow-up, the API's, one after them
        assertThat(real.audit().transforms()).isBetween(2L, 3L);
        for (BronzeObject object : written) {
            assertThat(real.silverEventsFrom(object.key())).as(object.key()).isEqualTo(object.eventIds().size());
        }
    }

    @Test
    void aLoadAfterTheTransformsEndedGetsAFollowUpOfItsOwn() {
        real.bronze().writeHours(DAY, 1, 30, 11);
        UUID firstFollowUp = PipelineRuns.followUpId(real.stages().completeness());
        runtime.runs().submit(PipelineRuns.runIdFor("before"), new LoadRequest(null));
        assertThat(awaitFinal(firstFollowUp).state()).isEqualTo(RunState.SUCCEEDED);

        BronzeObject later = real.bronze().writeHours(DAY.plusSeconds(3600), 1, 30, 12).get(0);
        UUID secondFollowUp = PipelineRuns.followUpId(real.stages().completeness());
        runtime.runs().submit(PipelineRuns.runIdFor("after"), new LoadRequest(null));

        assertThat(secondFollowUp).isNotEqualTo(firstFollowUp);
        assertThat(awaitFinal(secondFollowUp).state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(real.silverEventsFrom(later.key())).isEqualTo(later.eventIds().size());
        assertThat(real.audit().transforms()).isEqualTo(2);
    }

    private RunView awaitFinal(UUID run) {
        return await(PATIENCE, () -> runtime.runs().find(run), v -> v.isPresent() && v.get().state().isFinal()).orElseThrow();
    }
}
