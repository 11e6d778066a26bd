package io.playstream.jobs;

import static io.playstream.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.jobs.runtime.JobsRuntime;
import io.playstream.jobs.runtime.JobsSettings;
import io.playstream.jobs.testing.JobRunrTables;
import io.playstream.jobs.testing.NoRunLeft;
import io.playstream.jobs.testing.RealStages;
import io.playstream.testing.ScratchPostgres;
import io.playstream.testing.SimulatedBronze.BronzeObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two app instances (two JobRunr background servers) sharing one PostgreSQL job store, each running
 * the real stages over the same store folder and warehouse, as two instances of a deployment do.
 */
class SharedPostgresStoreIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    private ScratchPostgres jobStore;
    private RealStages real;
    private final List<JobsRuntime> instances = new ArrayList<>();

    @BeforeEach
    void startTwoInstances() {
        jobStore = ScratchPostgres.create("playstream_jobs_it");
        real = RealStages.onPostgres(dataDir.resolve("one"));
        JobsSettings settings = JobsSettings.embedded(dataDir).withStorage(jobStore.url());
        instances.add(JobsRuntime.start(settings, real.stages(), List.of()));
        instances.add(JobsRuntime.start(settings, real.anotherInstance(dataDir.resolve("two")), List.of()));
    }

    @AfterEach
    void stopInstances() {
        try {
            instances.forEach(JobsRuntime::close);
        } finally {
            real.close();
            jobStore.close();
        }
    }

    @Test
    void oneRecurringScheduleRegisteredByBothInstancesRunsEachDueRunExactlyOnce() {
        List<BronzeObject> written = real.bronze().writeHours(Instant.parse("2025-12-10T15:00:00Z"), 2, 50, 5);
        instances.forEach(instance -> instance.runs().scheduleRecurringLoad("PT5S"));
        JobRunrTables jobRunr = new JobRunrTables(jobStore);

        // between two due runs the warehouse's count of load executions and JobRunr's count of
        // succeeded runs must meet: a run executed twice would leave the warehouse's count ahead for good
        await(PATIENCE, () -> List.of(real.audit().loads(), jobRunr.succeededRunsOf(PipelineRuns.RECURRING_LOAD_ID)),
                counts -> counts.get(0) >= 3 && counts.get(0).equals(counts.get(1)));

        // the first run loaded everything once and was followed by the only transform
        assertThat(real.loadedObjects()).containsExactlyElementsOf(written.stream().map(BronzeObject::key).toList());
        assertThat(real.warehouse().number("select count(*) from bronze.spotify_events"))
                .isEqualTo(written.stream().mapToLong(o -> o.events().size()).sum());
        assertThat(real.audit().transforms()).isEqualTo(1);
    }

    @Test
    void theSameIdempotencyKeyPostedConcurrentlyToBothInstancesIsOneRun() throws Exception {
        real.bronze().writeHours(Instant.parse("2025-12-11T08:00:00Z"), 1, 50, 6);
        UUID runId = PipelineRuns.runIdFor("airflow:spotify_pipeline:manual__1");
        UUID followUp = PipelineRuns.followUpId(real.stages().completeness());
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
        RunView transform = await(PATIENCE, () -> instances.get(0).runs().find(followUp).orElseThrow(),
                v -> v.state().isFinal());
        NoRunLeft.await(instances.get(0).runs(), PATIENCE); // the store both share: a duplicate would have started by now

        assertThat(ids).containsExactly(runId);
        assertThat(done.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(transform.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(new JobRunrTables(jobStore).jobs()).isEqualTo(2); // the load and its transform
        assertThat(real.audit().loads()).isEqualTo(1);
        assertThat(real.audit().transforms()).isEqualTo(1);
    }
}
