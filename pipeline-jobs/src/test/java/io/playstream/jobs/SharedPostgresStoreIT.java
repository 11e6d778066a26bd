package io.playstream.jobs;

import static io.playstream.jobs.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.jobs.runtime.JobsRuntime;
import io.playstream.jobs.runtime.JobsSettings;
import io.playstream.jobs.testing.CountingStages;
import io.playstream.jobs.testing.ScratchPostgres;
import java.nio.file.Path;
import java.time.Duration;
import io.playstream.jobs.testing.Eventually;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two app instances (two JobRunr background servers) sharing one PostgreSQL job store. */
class SharedPostgresStoreIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    private ScratchPostgres database;
    private final CountingStages first = new CountingStages(); // seam stand-in until the core stages are merged
    private final CountingStages second = new CountingStages(); // seam stand-in until the core stages are merged
    private final List<JobsRuntime> instances = new ArrayList<>();

    @BeforeEach
    void startTwoInstances() {
        database = ScratchPostgres.create("playstream_jobs_it");
        JobsSettings settings = JobsSettings.embedded(dataDir).withStorage(database.url());
        instances.add(JobsRuntime.start(settings, first.loadNothing(), List.of()));
        instances.add(JobsRuntime.start(settings, second.loadNothing(), List.of()));
    }

    @AfterEach
    void stopInstances() {
        instances.forEach(JobsRuntime::close);
        database.close();
    }

    @Test
    void oneRecurringScheduleRegisteredByBothInstancesRunsEachDueRunExactlyOnce() {
        instances.forEach(instance -> instance.runs().scheduleRecurringLoad("PT5S"));

        await(PATIENCE, () -> first.count("load") + second.count("load"), n -> n >= 3);
        instances.forEach(JobsRuntime::close);
        instances.clear();

        List<CountingStages.Call> calls = new ArrayList<>(first.calls());
        calls.addAll(second.calls());
        Map<UUID, Long> callsPerJob = calls.stream().collect(Collectors.groupingBy(CountingStages.Call::jobId, Collectors.counting()));
        assertThat(callsPerJob.values()).allMatch(n -> n == 1);
        assertThat(callsPerJob).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void theSameIdempotencyKeyPostedConcurrentlyToBothInstancesIsOneRun() throws Exception {
        UUID runId = PipelineRuns.runIdFor("airflow:spotify_pipeline:manual__1");
        ExecutorService threads = Executors.newFixedThreadPool(20);
        Set<UUID> ids;
        try {
            List<Callable<UUID>> posts = IntStream.range(0, 20)
                    .<Callable<UUID>>mapToObj(i -> () -> instances.get(i % 2).runs().submit(runId, new LoadRequest(null))).toList();
            ids = new HashSet<>();
            for (Future<UUID> id : threads.invokeAll(posts)) {
                ids.add(id.get());
            }
        } finally {
            threads.shutdownNow();
        }

        RunView done = await(PATIENCE, () -> instances.get(1).runs().find(runId).orElseThrow(), v -> v.state().isFinal());

        assertThat(ids).containsExactly(runId);
        assertThat(done.state()).isEqualTo(RunState.SUCCEEDED);
        Eventually.sleep(JobsSettings.DEFAULT_POLL_INTERVAL.toMillis() * 2);
        assertThat(first.callsFor(runId) + second.callsFor(runId)).isEqualTo(1);
    }

}
