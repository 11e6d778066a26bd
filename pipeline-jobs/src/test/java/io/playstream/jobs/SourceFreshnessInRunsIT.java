package io.playstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.Failures;
import io.playstream.PlaystreamException;
import io.playstream.jobs.testing.RealStages;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app's pipeline runs check bronze's freshness as the project's {@code freshness:} says
 * (warn after 2 hours, error after 24, on {@code _loaded_at}), on the real loader, transform
 * runner and PostgreSQL: fresh bronze passes, bronze loaded 3 hours ago warns and the run goes
 * on, bronze loaded 25 hours ago fails the run (after building gold from it), and a catch-up with
 * nothing new checks it too, as continuous mode's test cadence and scheduled follow-ups run it.
 * Every check leaves dbt's sources.json, which the status API reads.
 */
class SourceFreshnessInRunsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private RealStages real;

    @BeforeEach
    void loadBronze() {
        real = RealStages.onPostgres(folder);
        real.bronze().writeHours(Instant.parse("2025-12-11T00:00:00Z"), 1, 40, 1);
        real.stages().load(Optional.empty());
    }

    @AfterEach
    void stop() {
        real.close();
    }

    @Test
    void freshBronzePassesAndTheCheckIsWrittenAsSourcesJson() throws IOException {
        StageReport report = real.stages().transform(Optional.empty(), false);

        assertThat(report.count(SourceFreshnessGate.FRESHNESS_WARN)).isZero();
        assertThat(report.count(SourceFreshnessGate.FRESHNESS_ERROR)).isZero();
        assertThat(report.summary()).contains("source freshness: bronze.spotify_events pass");
        assertThat(sourcesJson().path("results").get(0).path("status").asText()).isEqualTo("pass");
    }

    @Test
    void bronzePastWarnAfterWarnsAndTheRunGoesOn() throws IOException {
        real.stages().transform(Optional.empty(), false);
        age("3 hours");

        StageReport transformed = real.stages().transform(Optional.empty(), false);
        StageReport caughtUp = real.stages().catchUp(true);

        assertThat(transformed.count(SourceFreshnessGate.FRESHNESS_WARN)).isEqualTo(1);
        assertThat(caughtUp.count(StageReport.NOTHING_NEW)).isEqualTo(1);
        assertThat(caughtUp.count(SourceFreshnessGate.FRESHNESS_WARN)).isEqualTo(1);
        JsonNode result = sourcesJson().path("results").get(0);
        assertThat(result.path("status").asText()).isEqualTo("warn");
        assertThat(result.path("max_loaded_at_time_ago_in_s").asDouble()).isGreaterThan(3 * 3600);
    }

    @Test
    void bronzePastErrorAfterFailsTheRunAfterBuildingGold() throws IOException {
        age("25 hours");

        assertThatThrownBy(() -> real.stages().transform(Optional.empty(), false))
                .isInstanceOf(PlaystreamException.class)
                .satisfies(e -> assertThat(Failures.isRetriable(e)).as("waiting does not make bronze fresher").isFalse())
                .hasMessageContaining("gold was built from what is loaded; bronze is stale: bronze.spotify_events's newest row was loaded at")
                .hasMessageContaining("past error_after {count=24, period=hour}");
        assertThat(real.warehouse().number("select count(*) from silver.stg_events")).isPositive();
        assertThat(sourcesJson().path("results").get(0).path("status").asText()).isEqualTo("error");

        // nothing new since: the catch-up of continuous mode's test cadence (and of scheduled follow-ups) still fails
        assertThatThrownBy(() -> real.stages().catchUp(true)).hasMessageContaining("bronze is stale");
        // between test cadences continuous mode checks nothing
        assertThat(real.stages().catchUp(false).count(StageReport.NOTHING_NEW)).isEqualTo(1);
    }

    /** Moves every bronze load back by {@code interval}, as if nothing had been loaded since. */
    private void age(String interval) {
        real.warehouse().update("update bronze.spotify_events set _loaded_at = _loaded_at - interval '" + interval + "'");
    }

    private JsonNode sourcesJson() throws IOException {
        return JSON.readTree(folder.resolve("dbt").resolve("target").resolve("sources.json").toFile());
    }
}
