package io.playstream.app.run;

import static io.playstream.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.jobs.CoreStages;
import io.playstream.jobs.testing.DbtProjectCopy;
import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.testing.SimulatedBronze;
import io.playstream.warehouse.Warehouse;
import io.playstream.warehouse.Warehouses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The micro-batch loop's data tests on a snapshot, on the real stages (DuckDB warehouse, the dbt
 * project): they run on their own thread, so the next transform does not wait for them; a failing
 * one is logged and counted as a failed step, and runs again; closing the loop waits for a run
 * that is going. That the run sees the warehouse as one transform left it is DuckDbTransformIT's.
 */
class MicroBatchTestsOnASnapshotIT {

    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final Duration TICK = Duration.ofMillis(100);
    private static final Instant HOUR = Instant.parse("2025-12-10T15:00:00Z");

    @TempDir
    Path dataDir;

    private Warehouse warehouse;
    private FileSystemObjectStore store;
    private SimulatedBronze bronze;
    private CoreStages stages;
    private final List<ILoggingEvent> warnings = new CopyOnWriteArrayList<>();
    private ListAppender<ILoggingEvent> appender;

    @BeforeEach
    void realStagesOnDuckDb() {
        warehouse = Warehouses.open("duckdb:" + dataDir.resolve("warehouse.duckdb"), Map.of());
        store = new FileSystemObjectStore(dataDir.resolve("lake"));
        bronze = new SimulatedBronze(store);
        stages = new CoreStages(warehouse, store, DbtProjectCopy.into(dataDir.resolve("dbt")), Map.of());
        bronze.writeHours(HOUR, 1, 50, 7);
        stages.load(Optional.empty());
        appender = new ListAppender<>() {
            @Override
            protected void append(ILoggingEvent event) {
                warnings.add(event);
            }
        };
        appender.start();
        ((Logger) LoggerFactory.getLogger(MicroBatchLoop.class)).addAppender(appender);
    }

    @AfterEach
    void close() throws Exception {
        ((Logger) LoggerFactory.getLogger(MicroBatchLoop.class)).detachAppender(appender);
        warehouse.close();
        store.close();
    }

    @Test
    void theNextTransformRunsWhileATestRunIsStillGoingAndTheTestsStayDueUntilItEnds() {
        HeldTestRuns held = new HeldTestRuns(stages);
        try (MicroBatchLoop loop = MicroBatchLoop.start(held, Optional.empty(), TICK, Duration.ZERO)) {
            await(PATIENCE, held::runsStarted, n -> n == 1);
            await(PATIENCE, loop::transforms, n -> n == 1);

            bronze.writeHours(HOUR.plus(Duration.ofHours(1)), 1, 50, 8);
            stages.load(Optional.empty());
            await(PATIENCE, loop::transforms, n -> n == 2);

            assertThat(loop.testRuns()).as("the test run is still held").isZero();
            assertThat(held.runsStarted()).as("due again (every transform), but one run at a time").isEqualTo(1);
            held.release();
            await(PATIENCE, loop::testRuns, n -> n >= 1);
            // the micro-batch built meanwhile is tested in turn
            await(PATIENCE, held::runsStarted, n -> n >= 2);
            await(PATIENCE, loop::testRuns, n -> n >= 2);
            assertThat(loop.failures()).isZero();
        }
    }

    @Test
    void aFailingDataTestIsLoggedAndCountedAsAFailedStepAndRunsAgainWithNothingNew() throws Exception {
        Files.writeString(dataDir.resolve("dbt/tests/assert_silver_is_empty.sql"), "select * from {{ ref('stg_events') }}\n");
        try (MicroBatchLoop loop = MicroBatchLoop.start(stages, Optional.empty(), TICK, Duration.ofHours(1))) {
            await(PATIENCE, loop::failures, n -> n >= 2);
            assertThat(loop.testRuns()).isZero();
            assertThat(loop.transforms()).as("one micro-batch, built once").isEqualTo(1);
        }
        assertThat(warnings).anySatisfy(warning -> {
            assertThat(warning.getThreadName()).isEqualTo("micro-batch-tests");
            assertThat(warning.getFormattedMessage()).startsWith("Micro-batch micro-batch-tests failed (attempt 1)")
                    .contains("assert_silver_is_empty");
        });
        JsonNode results = new ObjectMapper().readTree(dataDir.resolve("dbt/target/run_results.json").toFile());
        assertThat(results.path("args").path("which").asText()).isEqualTo("build");
        JsonNode failed = StreamSupport.stream(results.path("results").spliterator(), false)
                .filter(r -> r.path("unique_id").asText().endsWith(".assert_silver_is_empty")).findFirst().orElseThrow();
        assertThat(failed.path("status").asText()).isEqualTo("fail");
    }

    @Test
    void closeWaitsForTheTestRunThatIsGoing() throws Exception {
        HeldTestRuns held = new HeldTestRuns(stages);
        MicroBatchLoop loop = MicroBatchLoop.start(held, Optional.empty(), TICK, Duration.ofHours(1));
        await(PATIENCE, held::runsStarted, n -> n == 1);

        CompletableFuture<Void> closing = CompletableFuture.runAsync(loop::close);
        await(PATIENCE, loop::isRunning, running -> !running);
        assertThat(closing).as("the transformer has ended; the test run is held").isNotDone();

        held.release();
        closing.get();
        assertThat(loop.testRuns()).as("the run went to its end").isEqualTo(1);
    }
}
