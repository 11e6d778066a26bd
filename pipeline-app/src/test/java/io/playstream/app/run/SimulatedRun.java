package io.playstream.app.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.app.config.ConfigLoader;
import io.playstream.app.config.PlaystreamConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What tests of continuous mode share: the configuration of a {@code run} fed by its own simulator
 * (no schedule, so only the micro-batch loop moves gold) and reading the pipeline status back.
 */
public final class SimulatedRun {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private SimulatedRun() {
    }

    /** {@code run} in its default, continuous mode with the simulator at {@code eventsPerSecond}, on two partitions. */
    public static PlaystreamConfig config(Path dataDir, int eventsPerSecond) {
        return ConfigLoader.load(Optional.empty(), dataDir, Map.of("PLAYSTREAM_SCHEDULE_LOAD", "off"),
                Map.of("data-dir", dataDir.toString(), "http.port", "0", "jobs.port", "-1",
                        "simulate.rate", Integer.toString(eventsPerSecond), "kafka.partitions", "2"));
    }

    public static String base(AppServices app) {
        return "http://127.0.0.1:" + app.apiPort();
    }

    /** {@code GET /api/v1/pipeline/status}. */
    public static JsonNode status(String base) {
        try {
            return JSON.readTree(get(base + "/api/v1/pipeline/status").body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Gold's completeness watermark in a status, empty while it is not known yet. */
    public static String goldCompleteThrough(JsonNode status) {
        JsonNode through = status.path("completeness").path("gold_complete_through");
        return through.isTextual() ? through.asText() : "";
    }

    public static HttpResponse<String> get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
