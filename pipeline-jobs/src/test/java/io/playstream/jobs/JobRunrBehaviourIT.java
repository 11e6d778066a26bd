package io.playstream.jobs;

import static io.playstream.jobs.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.jobs.runtime.JobsRuntime;
import io.playstream.jobs.runtime.JobsSettings;
import io.playstream.jobs.testing.CountingStages;
import io.playstream.jobs.testing.Eventually;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JobRunr behaviours Playstream relies on, on JobRunr's real H2 file store. */
class JobRunrBehaviourIT {

    private static final Duration PATIENCE = Duration.ofSeconds(40);
    private static final Duration POLL = JobsSettings.DEFAULT_POLL_INTERVAL;

    @TempDir
    Path dataDir;

    private final CountingStages stages = new CountingStages(); // seam stand-in until the core stages are merged
    private JobsRuntime runtime;

    @BeforeEach
    void startJobRunr() {
        runtime = JobsRuntime.start(JobsSettings.embedded(dataDir).withRetries(3, 1), stages, List.of());
    }

    @AfterEach
    void stopJobRunr() {
        stages.release();
        runtime.close();
    }

    @Test
    void permanentFailureEndsFailedAtOnceWithItsReasonAndIsNotRetried() {
        stages.failPermanently("dbt test not_null_silver_events_event_id failed (3 rows)");
        UUID run = runtime.runs().submit(PipelineRuns.runIdFor("permanent"), PipelineRequest.of(null));

        RunView failed = awaitFinal(run);

        // JobRunr's RetryFilter elects the next state when the attempt fails: a retry would have made it SCHEDULED, not FAILED
        assertThat(failed.state()).isEqualTo(RunState.FAILED);
        assertThat(failed.reason()).hasValueSatisfying(r -> assertThat(r)
                .contains("failed permanently").contains("not_null_silver_events_event_id"));
        assertThat(runtime.runs().find(run).orElseThrow().attempts()).isEqualTo(1);
        assertThat(stages.count("load")).isEqualTo(1);
    }

    @Test
    void retriableFailureIsRetriedWithBackoffUntilItSucceeds() {
        stages.failTransiently(1);
        UUID run = runtime.runs().submit(PipelineRuns.runIdFor("retriable"), new TransformRequest(null, false));

        RunView done = awaitFinal(run);

        assertThat(done.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(stages.callsFor(run)).isEqualTo(2);
    }

    @Test
    void theSameRunIdSubmittedFromTwentyThreadsCreatesOneJobThatRunsOnce() throws Exception {
        UUID runId = PipelineRuns.runIdFor("airflow:spotify_pipeline:scheduled__2025-12-10T15:00:00");
        LoadRequest request = new LoadRequest(new DataInterval(Instant.parse("2025-12-10T15:00:00Z"), Instant.parse("2025-12-10T16:00:00Z")));
        ExecutorService threads = Executors.newFixedThreadPool(20);
        try {
            List<Callable<UUID>> posts = IntStream.range(0, 20).<Callable<UUID>>mapToObj(i -> () -> runtime.runs().submit(runId, request)).toList();
            Set<UUID> ids = threads.invokeAll(posts).stream().map(JobRunrBehaviourIT::get).collect(Collectors.toSet());
            assertThat(ids).containsExactly(runId);
        } finally {
            threads.shutdownNow();
        }

        assertThat(awaitFinal(runId).state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(stages.callsFor(runId)).isEqualTo(1);
        assertThat(runtime.runs().find(runId).orElseThrow().request()).isEqualTo(request);
    }

    @Test
    void aLoadThatBroughtSomethingNewIsFollowedByOneTransform() {
        UUID load = runtime.runs().submit(PipelineRuns.runIdFor("load-then-transform"), new LoadRequest(null));

        assertThat(awaitFinal(load).state()).isEqualTo(RunState.SUCCEEDED);
        UUID transform = PipelineRuns.transformIdAfter(load);
        assertThat(awaitFinal(transform).state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(stages.count("transform")).isEqualTo(1);
    }

    @Test
    void aLoadThatFoundNothingNewIsNotFollowedByATransform() {
        stages.loadNothing();
        UUID load = runtime.runs().submit(PipelineRuns.runIdFor("nothing-new"), new LoadRequest(null));

        assertThat(awaitFinal(load).state()).isEqualTo(RunState.SUCCEEDED);
        // the follow-up transform is created before the load job succeeds, or never
        assertThat(runtime.runs().find(PipelineRuns.transformIdAfter(load))).isEmpty();
        assertThat(stages.count("transform")).isZero();
    }

    @Test
    void aRecurringLoadIsSkippedNotStackedWhileThePreviousRunStillRuns() {
        stages.hold().loadNothing();
        runtime.runs().scheduleRecurringLoad("PT5S");

        await(PATIENCE, stages::running, n -> n == 1);
        Eventually.sleep(POLL.toMillis() * 3); // three more due times pass while the first load is held
        assertThat(stages.count("load")).isEqualTo(1);

        stages.release();
        await(PATIENCE, () -> stages.count("load"), n -> n >= 2);
        assertThat(stages.mostAtOnce()).isEqualTo(1); // two workers were free: stacked runs would have overlapped
    }

    private RunView awaitFinal(UUID run) {
        return await(PATIENCE, () -> runtime.runs().find(run).orElseThrow(), v -> v.state().isFinal());
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
