package io.playstream.app.run;

import static io.playstream.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.jobs.testing.RealStages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The micro-batch loop's test cadence ({@code pipeline.tests-every}) on the real stages (PostgreSQL
 * warehouse, the dbt project): the first transform runs the data tests, the next ones within the
 * cadence build the models only, and a data test that fails is run, and fails the loop's step,
 * once the cadence falls due, with no new data needed.
 */
class MicroBatchTestCadenceIT {

    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final Duration CADENCE = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    @Test
    void transformsWithinTheCadenceBuildModelsOnlyAndAFailingTestFailsAStepOnceItFallsDue() throws IOException {
        try (RealStages real = RealStages.onPostgres(dataDir)) {
            real.bronze().writeHours(Instant.parse("2025-12-10T15:00:00Z"), 1, 50, 7);
            real.stages().load(Optional.empty());
            Path runResults = dataDir.resolve("dbt/target/run_results.json");
            try (MicroBatchLoop loop = MicroBatchLoop.start(real.stages(), Optional.empty(), Duration.ofMillis(100), CADENCE)) {
                await(PATIENCE, loop::transforms, n -> n >= 1);
                assertThat(which(runResults)).isEqualTo("build");

                // a data test that fails on any silver row, then a micro-batch: built without the tests, so it passes
                Files.writeString(dataDir.resolve("dbt/tests/assert_silver_is_empty.sql"), "select * from {{ ref('stg_events') }}\n");
                real.bronze().writeHours(Instant.parse("2025-12-10T16:00:00Z"), 1, 50, 8);
                real.stages().load(Optional.empty());
                await(PATIENCE, loop::transforms, n -> n >= 2);
                assertThat(which(runResults)).isEqualTo("run");
                assertThat(loop.failures()).isZero();

                // nothing new since, but the tests fall due: they run, the new one fails, and so does the step
                await(PATIENCE, loop::failures, n -> n >= 1);
            }
            JsonNode failed = StreamSupport.stream(read(runResults).path("results").spliterator(), false)
                    .filter(r -> r.path("unique_id").asText().endsWith(".assert_silver_is_empty"))
                    .findFirst().orElseThrow();
            assertThat(failed.path("status").asText()).isEqualTo("fail");
        }
    }

    private static String which(Path runResults) throws IOException {
        return read(runResults).path("args").path("which").asText();
    }

    private static JsonNode read(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }
}
