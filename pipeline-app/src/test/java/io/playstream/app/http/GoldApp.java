package io.playstream.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.app.config.ConfigLoader;
import io.playstream.app.config.PlaystreamConfig;
import io.playstream.app.run.AppServices;
import io.playstream.testing.Await;
import io.playstream.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The real app ({@code AppServices.start(config, environment)}: broker, sink, JobRunr, API) on a temp
 * data folder whose bucket holds the 710 fixture events, with gold built for real by a
 * {@code pipeline} run posted to the API (the real bronze loader and transform runner on DuckDB).
 */
public final class GoldApp implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AppServices services;
    private final String token;

    private GoldApp(AppServices services, String token) {
        this.services = services;
        this.token = token;
    }

    /** Starts the app on {@code dataDir} with {@code token}, loads the fixture bucket and builds gold. */
    public static GoldApp startWithGold(Path dataDir, String token) {
        return startWithGold(dataDir, token, UnaryOperator.identity());
    }

    /** As {@link #startWithGold(Path, String)}, with each fixture event line first rewritten by {@code editLine}. */
    public static GoldApp startWithGold(Path dataDir, String token, UnaryOperator<String> editLine) {
        return startWithGold(dataDir, token, editLine, Map.of());
    }

    /** As {@link #startWithGold(Path, String, UnaryOperator)}, with more settings (e.g. {@code pipeline.mode}). */
    public static GoldApp startWithGold(Path dataDir, String token, UnaryOperator<String> editLine, Map<String, String> settings) {
        copyFixtureBucket(dataDir.resolve("bucket"), editLine);
        Map<String, String> environment = Map.of("PLAYSTREAM_API_TOKEN", token, "PLAYSTREAM_SCHEDULE_LOAD", "off");
        Map<String, String> overrides = new java.util.HashMap<>(settings);
        overrides.putAll(Map.of("data-dir", dataDir.toString(), "http.port", "0", "jobs.port", "0"));
        PlaystreamConfig config = ConfigLoader.load(Optional.empty(), dataDir, environment, overrides);
        GoldApp app = new GoldApp(AppServices.start(config, environment), token);
        try {
            app.runPipeline();
            return app;
        } catch (RuntimeException | AssertionError e) {
            app.close();
            throw e;
        }
    }

    private void runPipeline() {
        String body = "{\"job\":\"pipeline\",\"idempotency_key\":\"gold-" + UUID.randomUUID() + "\"}";
        JsonNode posted = json(send(request("/api/v1/runs").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()));
        String runId = posted.get("run_id").asText();
        JsonNode run = Await.await(PATIENCE, () -> json(send(request("/api/v1/runs/" + runId).build())),
                r -> Set.of("SUCCEEDED", "FAILED").contains(r.path("state").asText()));
        if (!"SUCCEEDED".equals(run.path("state").asText())) {
            throw new AssertionError("the pipeline run did not succeed: " + run);
        }
    }

    public String base() {
        return "http://127.0.0.1:" + services.apiPort();
    }

    public String token() {
        return token;
    }

    /** The embedded broker the app's sink reads. */
    public String kafkaBootstrapServers() {
        return services.kafkaBootstrapServers().orElseThrow();
    }

    public Optional<Integer> jobsDashboardPort() {
        return services.dashboardPort();
    }

    /** A request to {@code path} carrying the bearer token. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
    }

    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    /** GET {@code path} with the token, as JSON, failing unless it answers 200. */
    public JsonNode getJson(String path) {
        HttpResponse<String> response = send(request(path).build());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    private static void copyFixtureBucket(Path bucket, UnaryOperator<String> editLine) {
        Path source = Fixtures.seedBucket();
        try (Stream<Path> files = Files.walk(source.resolve("bronze"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = bucket.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(editLine).toList();
                    Files.write(target, lines, StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the fixture bucket to " + bucket, e);
        }
    }

    @Override
    public void close() {
        services.close();
    }
}
