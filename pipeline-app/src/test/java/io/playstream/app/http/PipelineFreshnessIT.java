package io.playstream.app.http;

import static io.playstream.app.http.DashboardDom.attribute;
import static io.playstream.app.http.DashboardDom.element;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source freshness of the app's pipeline runs where people look: the real app's pipeline run
 * checked bronze's freshness (dbt's sources.json in its target folder), {@code GET
 * /api/v1/pipeline/status} gives it under {@code source_freshness}, and the dashboard's health
 * panel shows it green; a check that found bronze past error_after (the file as the run writes it
 * then) shows red. {@code SourceFreshnessInRunsIT} (pipeline-jobs) makes bronze stale for real.
 */
class PipelineFreshnessIT {

    private static final String TOKEN = "freshness-token-" + UUID.randomUUID();

    @TempDir
    static Path dataDir;
    @TempDir
    static Path browserDir;

    private static GoldApp app;

    @BeforeAll
    static void start() {
        // scheduled mode without a schedule: only the pipeline run checks freshness, so no later check rewrites sources.json
        app = GoldApp.startWithGold(dataDir, TOKEN, line -> line, Map.of("pipeline.mode", "scheduled"));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theStatusAndTheHealthPanelShowThePipelineRunsFreshnessCheck() throws IOException {
        JsonNode freshness = app.getJson("/api/v1/pipeline/status").get("source_freshness");

        assertThat(freshness.get("status").asText()).isEqualTo("pass");
        JsonNode bronze = freshness.get("sources").get(0);
        assertThat(bronze.get("unique_id").asText()).isEqualTo("source.playstream.bronze.spotify_events");
        assertThat(bronze.get("warn_after").asText()).isEqualTo("2 hour");
        assertThat(bronze.get("error_after").asText()).isEqualTo("24 hour");
        assertThat(bronze.get("age_seconds").asDouble()).isLessThan(7200);
        assertThat(freshness.get("checked_at").asText()).isNotBlank();
        assumeTrue(HeadlessChromium.isInstalled(), "the panel needs " + HeadlessChromium.EXECUTABLE);
        String panel = healthPanel();
        assertThat(attribute(panel, "dd", "data-value")).isEqualTo("pass");
        assertThat(attribute(panel, "dd", "class")).isEqualTo("level-ok");

        // what a run leaves when bronze is past error_after
        Path sources = dataDir.resolve("dbt-target").resolve("sources.json");
        Files.writeString(sources, Files.readString(sources).replaceAll("\"status\"\\s*:\\s*\"pass\"", "\"status\": \"error\""));
        assertThat(app.getJson("/api/v1/pipeline/status").get("source_freshness").get("status").asText()).isEqualTo("error");
        String stale = healthPanel();
        assertThat(attribute(stale, "dd", "data-value")).isEqualTo("error");
        assertThat(attribute(stale, "dd", "class")).isEqualTo("level-bad");
    }

    private static String healthPanel() {
        String dom = new HeadlessChromium(browserDir).dumpDom(app.base() + "/#token=" + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8));
        return element(dom, "dd", "data-testid=\"health-bronze-freshness\"");
    }
}
