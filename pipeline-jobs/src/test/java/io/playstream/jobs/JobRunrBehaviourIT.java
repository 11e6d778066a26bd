package io.playstream.jobs;

import static io.playstream.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.jobs.runtime.JobsRuntime;
import io.playstream.jobs.runtime.JobsSettings;
import io.playstream.jobs.testing.ManifestLock;
import io.playstream.jobs.testing.NoRunLeft;
import io.playstream.jobs.testing.RealStages;
import io.playstream.testing.SimulatedBronze.BronzeObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

/**
 * The JobRunr behaviours Playstream relies on, on JobRunr's real H2 file store, running the real
 * stages: the bronze loader and the transform runner with the repository's dbt project, over a
 * store folder and a PostgreSQL warehouse of each test's own. Failures are provoked for real.
 */
class JobRunrBehaviourIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration POLL = JobsSettings.DEFAULT_POLL_INTERVAL;
    private static final Instant DAY = Instant.parse("2025-12-10T00:00:00Z");

    @TempDir
    Path dataDir;

    private RealStages real;
    private JobsRuntime runtime;

    @BeforeEach
    void startJobRunrOnTheRealStages() {
        real = RealStages.onPostgres(dataDir);
        runtime = JobsRuntime.start(JobsSettings.embedded(dataDir).withRetries(3, 1), real.stages(), List.of());
    }

    @AfterEach
    void stopJobRunr() {
        try {
            runtime.close();
        } finally {
            real.close();
        }
    }

    @Test
    void aFailingDataTestEndsTheRunFailedAtOnceWithTheTestInItsReason() {
        List<BronzeObject> written = real.bronze().writeHours(DAY.plusSeconds(15 * 3600), 2, 60, 1);
        assertThat(awaitFinal(runtime.runs().submit(PipelineRuns.runIdFor("first"), PipelineRequest.of(null))).state())
                .isEqualTo(RunState.SUCCEEDED);
        // rewritten upstream with fewer lines: the loader replaces its rows, silver still holds the old events
        real.bronze().truncate(written.get(0), 10);

        RunView failed = awaitFinal(runtime.runs().submit(PipelineRuns.runIdFor("after-rewrite"), PipelineRequest.of(null)));

        // JobRunr's RetryFilter elects the next state when the attempt fails: a retry would have made it SCHEDULED, not FAILED
        assertThat(failed.state()).isEqualTo(RunState.FAILED);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.reason()).hasValueSatisfying(r -> assertThat(r)
                .contains("transform failed permanently").contains("assert_bronze_rows_are_all_accounted_for"));
        assertThat(real.audit().transforms()).isEqualTo(2);
        // what the failing test's own comment prescribes repairs it
        UUID repair = runtime.runs().submit(PipelineRuns.runIdFor("repair"), new TransformRequest(null, true));
        assertThat(awaitFinal(repair).state()).isEqualTo(RunState.SUCCEEDED);
    }

    @Test
    void aWarehouseConnectionKilledMidLoadIsRetriedWithBackoffAndTheRunSucceedsOnceTheFaultIsGone() {
        real.stages().load(Optional.empty()); // creates the bronze tables, so that they can be locked
        List<BronzeObject> written = real.bronze().writeHours(DAY.plusSeconds(9 * 3600), 1, 80, 2);
        UUID run;
        try (ManifestLock lock = ManifestLock.hold(real.warehouse())) {
            run = runtime.runs().submit(PipelineRuns.runIdFor("retriable"), new LoadRequest(null));
            lock.awaitWaitingLoad();
            assertThat(lock.terminateWaiting()).isEqualTo(1);
            await(PATIENCE, () -> runtime.runs().find(run).orElseThrow(), v -> v.reason().isPresent());
        }

        RunView done = awaitFinal(run);

        assertThat(done.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(done.reason()).hasValueSatisfying(r -> assertThat(r).contains("terminating connection"));
        assertThat(real.loadedObjects()).containsExactly(written.get(0).key());
        assertThat(real.warehouse().number("select count(*) from bronze.spotify_events")).isEqualTo(written.get(0).events().size());
    }

    @Test
    void theSameRunIdSubmittedFromTwentyThreadsCreatesOneJobThatRunsOnce() throws Exception {
        List<BronzeObject> written = real.bronze().writeHours(DAY.plusSeconds(15 * 3600), 3, 40, 3);
        BronzeObject second = written.get(1);
        UUID runId = PipelineRuns.runIdFor("airflow:spotify_pipeline:scheduled__" + second.hour());
        UUID followUp = PipelineRuns.followUpId(real.stages().completeness());
        LoadRequest request = new LoadRequest(new DataInterval(second.hour(), second.hour().plusSeconds(3600)));
        ExecutorService threads = Executors.newFixedThreadPool(20);
        try {
            List<Callable<UUID>> posts = IntStream.range(0, 20).<Callable<UUID>>mapToObj(i -> () -> runtime.runs().submit(runId, request)).toList();
            Set<UUID> ids = threads.invokeAll(posts).stream().map(JobRunrBehaviourIT::get).collect(Collectors.toSet());
            assertThat(ids).containsExactly(runId);
        } finally {
            threads.shutdownNow();
        }

        RunView done = awaitFinal(runId);
        assertThat(awaitFinal(followUp).state()).isEqualTo(RunState.SUCCEEDED);
        NoRunLeft.await(runtime.runs(), PATIENCE); // a duplicate execution would have started by now

        assertThat(done.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(done.request()).isEqualTo(request);
        // the warehouse saw one load and one transform; the interval's hour only was loaded, each row once
        assertThat(real.audit().loads()).isEqualTo(1);
        assertThat(real.audit().transforms()).isEqualTo(1);
        assertThat(real.loadedObjects()).containsExactly(second.key());
        assertThat(real.warehouse().number("select count(*) from bronze.spotify_events")).isEqualTo(second.events().size());
        assertThat(real.silverEventsFrom(second.key())).isEqualTo(second.eventIds().size());
    }

    @Test
    void aLoadThatBroughtSomethingNewIsFollowedByOneTransform() {
        List<BronzeObject> written = real.bronze().writeHours(DAY.plusSeconds(18 * 3600), 2, 50, 4);
        UUID followUp = PipelineRuns.followUpId(real.stages().completeness());
        UUID load = runtime.runs().submit(PipelineRuns.runIdFor("load-then-transform"), new LoadRequest(null));

        assertThat(awaitFinal(load).state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(awaitFinal(followUp).state()).isEqualTo(RunState.SUCCEEDED);
        long events = written.stream().mapToLong(o -> o.eventIds().size()).sum();
        assertThat(real.warehouse().number("select sum(total_events) from gold.top_songs")).isEqualTo(events);
        assertThat(real.audit().transforms()).isEqualTo(1);
    }

    @Test
    void aLoadThatFoundNothingNewIsNotFollowedByATransform() {
        UUID followUp = PipelineRuns.followUpId(real.stages().completeness());
        UUID load = runtime.runs().submit(PipelineRuns.runIdFor("nothing-new"), new LoadRequest(null));

        assertThat(awaitFinal(load).state()).isEqualTo(RunState.SUCCEEDED);
        // the follow-up transform is created before the load job succeeds, or never
        assertThat(runtime.runs().find(followUp)).isEmpty();
        assertThat(real.audit().loads()).isEqualTo(1);
        assertThat(real.audit().transforms()).isZero();
    }

    @Test
    void aRecurringLoadIsSkippedNotStackedWhileThePreviousRunStillRuns() {
        real.stages().load(Optional.empty()); // creates the bronze tables, so that they can be locked
        long loadsBefore = real.audit().loads();
        try (ManifestLock lock = ManifestLock.hold(real.warehouse())) {
            runtime.runs().scheduleRecurringLoad("PT5S");
            lock.awaitWaitingLoad();
            letTimePass(POLL.multipliedBy(3)); // three more due times pass while the first load waits

            // two workers were free: a stacked run would wait on the warehouse beside the first
            assertThat(lock.waiting()).isEqualTo(1);
        }
        await(PATIENCE, () -> real.audit().loads(), n -> n >= loadsBefore + 2);
    }

    @Test
    void aScheduleSwitchedOffAtTheNextStartRunsNoMoreLoads() {
        runtime.runs().scheduleRecurringLoad("PT5S");
        await(PATIENCE, () -> real.audit().loads(), n -> n >= 1);
        runtime.close();

        // the same H2 file store still holds the recurring job
        runtime = JobsRuntime.start(JobsSettings.embedded(dataDir), real.stages(), List.of());
        runtime.runs().unscheduleRecurringLoad();
        NoRunLeft.await(runtime.runs(), PATIENCE); // a run created before the restart has run by now
        long loadsAfterRestart = real.audit().loads();
        letTimePass(POLL.multipliedBy(3)); // three more due times of the old schedule

        assertThat(real.audit().loads()).isEqualTo(loadsAfterRestart);
    }

    /**
     * Lets a schedule's due times go by: what these tests assert is what a time-based schedule does (or does not
     * do) as the clock passes its due times, so the clock is the subject here, not a stand-in for work to wait on.
     */
    private static void letTimePass(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
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
