package io.playstream.app.http;

import static io.playstream.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.app.config.ConfigLoader;
import io.playstream.app.config.PlaystreamConfig;
import io.playstream.app.run.AppServices;
import io.playstream.jobs.testing.RealStages;
import io.playstream.testing.SimulatedBronze.BronzeObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP API over loopback, on a real JobRunr with its H2 file store, running the real stages
 * (bronze loader, transform runner, the repository's dbt project) over a store folder and a
 * PostgreSQL warehouse shared by the class. Every test waits until its runs, and the transforms
 * they set off, are over, so the next test finds the warehouse idle.
 */
class ApiIT {

    private static final String TOKEN = "test-token-" + UUID.randomUUID();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    static Path dataDir;

    private static RealStages real;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static AppServices services;
    private static String base;

    @BeforeAll
    static void startApp() {
        PlaystreamConfig config = ConfigLoader.load(Optional.empty(), dataDir,
                Map.of("PLAYSTREAM_API_TOKEN", TOKEN, "PLAYSTREAM_SCHEDULE_LOAD", "off"),
                Map.of("data-dir", dataDir.toString(), "http.port", "0", "jobs.port", "0"));
        real = RealStages.onPostgres(dataDir.resolve("pipeline"));
        services = AppServices.start(config, real.stages());
        base = "http://127.0.0.1:" + services.apiPort();
    }

    @AfterAll
    static void stopApp() {
        try {
            services.close();
        } finally {
            real.close();
        }
    }

    @Test
    void aTriggeredPipelineRunGoesToSucceededAndLoadsOnlyTheHoursOfItsInterval() throws Exception {
        List<BronzeObject> hours = real.bronze().writeHours(Instant.parse("2025-12-10T14:00:00Z"), 3, 40, 11);
        BronzeObject middle = hours.get(hours.size() / 2);
        HttpResponse<String> posted = post(Map.of("job", "pipeline", "idempotency_key", "dag+run-" + UUID.randomUUID(),
                // the end in another offset: the API normalises instants to UTC
                "interval", Map.of("start", middle.hour().toString(), "end", middle.hour().plusSeconds(3600).atOffset(ZoneOffset.ofHours(1)).toString())));

        assertThat(posted.statusCode()).isEqualTo(202);
        String runId = json(posted).get("run_id").asText();
        JsonNode run = awaitFinal(runId);
        assertThat(run.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.get("job").asText()).isEqualTo("pipeline");
        assertThat(run.get("interval").get("start").asText()).isEqualTo(middle.hour().toString());
        assertThat(run.get("interval").get("end").asText()).isEqualTo(middle.hour().plusSeconds(3600).toString());
        assertThat(run.get("created_at").asText()).isNotBlank();
        assertThat(run.get("updated_at").asText()).isNotBlank();
        assertThat(run.has("reason")).isFalse();
        // of the three hours in the store, the interval's hour alone reached the warehouse, whole, and silver
        assertThat(real.loadedObjects()).contains(middle.key())
                .doesNotContainAnyElementsOf(hours.stream().filter(o -> o != middle).map(BronzeObject::key).toList());
        assertThat(real.warehouse().number("select count(*) from bronze.spotify_events where _source_object = '" + middle.key() + "'"))
                .isEqualTo(middle.events().size());
        assertThat(real.silverEventsFrom(middle.key())).isEqualTo(middle.eventIds().size());
    }

    @Test
    void postingTheSameIdempotencyKeyAgainReturnsTheSameRun() throws Exception {
        Map<String, Object> body = Map.of("job", "load", "idempotency_key", "same-" + UUID.randomUUID());

        String first = json(post(body)).get("run_id").asText();
        HttpResponse<String> again = post(body);

        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(json(again).get("run_id").asText()).isEqualTo(first);
        awaitSettled(first);
    }

    @Test
    void twentyConcurrentPostsOfOneKeyMakeOneRunThatExecutesOnce() throws Exception {
        BronzeObject hour = real.bronze().writeHours(Instant.parse("2025-12-12T10:00:00Z"), 1, 40, 12).get(0);
        long loadsBefore = real.audit().loads();
        long transformsBefore = real.audit().transforms();
        Map<String, Object> body = Map.of("job", "pipeline", "idempotency_key", "concurrent-" + UUID.randomUUID(),
                "interval", Map.of("start", hour.hour().toString(), "end", hour.hour().plusSeconds(3600).toString()));
        ExecutorService threads = Executors.newFixedThreadPool(20);
        Set<String> runIds;
        try {
            List<Callable<String>> posts = IntStream.range(0, 20).<Callable<String>>mapToObj(i -> () -> {
                HttpResponse<String> response = post(body);
                assertThat(response.statusCode()).isEqualTo(202);
                return json(response).get("run_id").asText();
            }).toList();
            runIds = threads.invokeAll(posts).stream().map(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).collect(Collectors.toSet());
        } finally {
            threads.shutdownNow();
        }

        assertThat(runIds).hasSize(1);
        String runId = runIds.iterator().next();
        JsonNode run = awaitFinal(runId);
        awaitNoRunLeft(); // a duplicate execution would have started by now
        assertThat(run.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.get("attempts").asLong()).isEqualTo(1);
        // the warehouse saw one load and the run's transform (and, in continuous mode, the micro-batch loop's
        // when it saw the run's load before the run's transform covered it), and holds the hour's rows once
        assertThat(real.audit().loads() - loadsBefore).isEqualTo(1);
        assertThat(real.audit().transforms() - transformsBefore).isBetween(1L, 2L);
        assertThat(real.warehouse().number("select count(*) from bronze.spotify_events where _source_object = '" + hour.key() + "'"))
                .isEqualTo(hour.events().size());
    }

    @Test
    void reusingAKeyForADifferentRunIsAConflict() throws Exception {
        String key = "conflict-" + UUID.randomUUID();
        HttpResponse<String> posted = post(Map.of("job", "load", "idempotency_key", key));
        assertThat(posted.statusCode()).isEqualTo(202);

        HttpResponse<String> response = post(Map.of("job", "transform", "idempotency_key", key));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(json(response).get("reason").asText()).contains("already used");
        awaitSettled(json(posted).get("run_id").asText());
    }

    @Test
    void aPermanentFailureEndsFailedAtOnceAndShowsItsReasonHereAndInJobRunr() throws Exception {
        // a selector naming no model of the project: bad configuration, which no retry can mend
        HttpResponse<String> posted = post(Map.of("job", "transform", "idempotency_key", "bad-select-" + UUID.randomUUID(),
                "select", "gold_top_songs"));
        String runId = json(posted).get("run_id").asText();

        JsonNode run = awaitFinal(runId);
        HttpResponse<String> inJobRunr = send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + services.dashboardPort().orElseThrow() + "/api/jobs/" + runId)).build());

        assertThat(run.get("state").asText()).isEqualTo("FAILED");
        assertThat(run.get("reason").asText()).contains("transform failed permanently")
                .contains("'gold_top_songs' does not match any enabled model");
        assertThat(run.get("attempts").asLong()).isEqualTo(1);
        assertThat(run.toString()).doesNotContain("at io.playstream").doesNotContain("Exception");
        assertThat(inJobRunr.statusCode()).isEqualTo(200);
        assertThat(inJobRunr.body()).contains("FAILED").contains("'gold_top_songs' does not match any enabled model");
    }

    @Test
    void withoutTheTokenOrWithAWrongOneTheApiAnswers401() throws Exception {
        HttpRequest.Builder get = HttpRequest.newBuilder(URI.create(base + "/api/v1/runs/" + UUID.randomUUID()));

        HttpResponse<String> missing = send(get.copy().build());
        HttpResponse<String> wrong = send(get.copy().header("Authorization", "Bearer " + TOKEN + "x").build());
        HttpResponse<String> metrics = send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build());

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(json(missing).get("error").asText()).isEqualTo("unauthorized");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(metrics.statusCode()).isEqualTo(401);
        assertThat(send(get.copy().header("Authorization", "Bearer " + TOKEN).build()).statusCode()).isEqualTo(404);
    }

    @Test
    void badBodiesAre400WithAReason() throws Exception {
        Map<String, String> cases = Map.of(
                "{\"job\":\"compact\",\"idempotency_key\":\"k\"}", "unknown job 'compact', accepted: load, transform, pipeline",
                "{\"job\":\"load\"}", "idempotency_key is required",
                "{\"job\":\"load\",\"idempotency_key\":\"k\",\"interval\":{\"start\":\"2025-12-10T16:00:00Z\",\"end\":\"2025-12-10T15:00:00Z\"}}",
                "start must be before end",
                "{\"job\":\"load\",\"idempotency_key\":\"k\",\"interval\":{\"start\":\"yesterday\",\"end\":\"2025-12-10T15:00:00Z\"}}",
                "not an ISO-8601 instant",
                "{\"job\":\"transform\",\"idempotency_key\":\"k\",\"interval\":{\"start\":\"2025-12-10T15:00:00Z\",\"end\":\"2025-12-10T16:00:00Z\"}}",
                "interval does not apply",
                "{\"job\":\"load\",\"idempotency_key\":\"k\",\"priority\":1}", "unknown field(s) [priority]",
                "not json", "not valid JSON",
                "[1,2]", "must be a JSON object");

        for (Map.Entry<String, String> badCase : cases.entrySet()) {
            HttpResponse<String> response = postRaw(HttpRequest.BodyPublishers.ofString(badCase.getKey()));
            assertThat(response.statusCode()).as(badCase.getKey()).isEqualTo(400);
            assertThat(json(response).get("reason").asText()).as(badCase.getKey()).contains(badCase.getValue());
        }
    }

    @Test
    void anOversizedBodyIs413WhetherItsLengthIsDeclaredOrNot() throws Exception {
        byte[] big = ("{\"job\":\"load\",\"idempotency_key\":\"" + "k".repeat(PlaystreamConfig.DEFAULT_HTTP_MAX_BODY_BYTES) + "\"}").getBytes();

        HttpResponse<String> declared = postRaw(HttpRequest.BodyPublishers.ofByteArray(big));
        HttpResponse<String> chunked = postRaw(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(json(declared).get("error").asText()).isEqualTo("payload_too_large");
        assertThat(chunked.statusCode()).isEqualTo(413);
    }

    @Test
    void recentRunsAreListedNewestFirstAPageAtATime() throws Exception {
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String runId = json(post(Map.of("job", "load", "idempotency_key", "listed-" + i + "-" + UUID.randomUUID())))
                    .get("run_id").asText();
            awaitSettled(runId);
            posted.add(runId);
        }

        JsonNode all = getJson("/api/v1/runs?limit=100");
        JsonNode first = getJson("/api/v1/runs?limit=2");
        JsonNode second = getJson("/api/v1/runs?limit=2&offset=2");
        JsonNode succeeded = getJson("/api/v1/runs?state=succeeded&limit=100");

        assertThat(runIds(all).stream().filter(posted::contains)).containsExactly(posted.get(2), posted.get(1), posted.get(0));
        assertThat(first.get("next_offset").asLong()).isEqualTo(2);
        List<String> twoPages = new ArrayList<>(runIds(first));
        twoPages.addAll(runIds(second));
        assertThat(twoPages).isEqualTo(runIds(all).subList(0, 4));
        JsonNode newest = all.get("runs").get(0);
        assertThat(newest.get("job").asText()).isNotBlank();
        assertThat(Instant.parse(newest.get("created_at").asText())).isNotNull();
        assertThat(succeeded.get("runs").findValuesAsText("state")).containsOnly("SUCCEEDED");
        assertThat(runIds(succeeded)).containsAll(posted);
        HttpResponse<String> badState = send(authorized(base + "/api/v1/runs?state=done").build());
        assertThat(badState.statusCode()).isEqualTo(400);
        assertThat(json(badState).get("reason").asText()).contains("ENQUEUED, PROCESSING, SUCCEEDED, FAILED");
        assertThat(send(authorized(base + "/api/v1/runs?limit=0").build()).statusCode()).isEqualTo(400);
    }

    private static JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = send(authorized(base + path).build());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return json(response);
    }

    private static List<String> runIds(JsonNode page) {
        return page.get("runs").findValuesAsText("run_id");
    }

    @Test
    void unknownRoutesAndRunsAre404Json() throws Exception {
        HttpResponse<String> route = send(authorized(base + "/api/v2/everything").build());
        HttpResponse<String> run = send(authorized(base + "/api/v1/runs/" + UUID.randomUUID()).build());
        HttpResponse<String> notAnId = send(authorized(base + "/api/v1/runs/not-a-uuid").build());

        assertThat(route.statusCode()).isEqualTo(404);
        assertThat(json(route).get("error").asText()).isEqualTo("not_found");
        assertThat(run.statusCode()).isEqualTo(404);
        assertThat(notAnId.statusCode()).isEqualTo(404);
        assertThat(route.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    }

    @Test
    void noCorsHeadersAreSentEvenToABrowserOrigin() throws Exception {
        HttpResponse<String> preflight = send(authorized(base + "/api/v1/runs")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST").build());
        HttpResponse<String> get = send(authorized(base + "/health").header("Origin", "https://evil.example").build());

        assertThat(preflight.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
        assertThat(get.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
    }

    @Test
    void healthNeedsNoTokenAndListsTheJobServer() throws Exception {
        HttpResponse<String> health = send(HttpRequest.newBuilder(URI.create(base + "/health")).build());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).get("status").asText()).isEqualTo("UP");
        assertThat(json(health).get("components").get("jobs").get("status").asText()).isEqualTo("UP");
    }

    @Test
    void metricsShowJobDurationsAndFailuresInPrometheusText() throws Exception {
        String runId = json(post(Map.of("job", "load", "idempotency_key", "metrics-" + UUID.randomUUID()))).get("run_id").asText();
        awaitSettled(runId);

        HttpResponse<String> metrics = send(authorized(base + "/metrics").build());

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(metrics.body()).contains("playstream_job_duration_seconds_count{job=\"load\",outcome=\"succeeded\"}");
    }

    @Test
    void withoutAWarehouseTheGoldApiAnswers503AndTheStatusSaysWhy() throws Exception {
        HttpResponse<String> gold = send(authorized(base + "/api/v1/gold/top_songs").build());
        HttpResponse<String> status = send(authorized(base + "/api/v1/pipeline/status").build());
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(base + "/")).build());

        assertThat(gold.statusCode()).isEqualTo(503);
        assertThat(json(gold).get("reason").asText()).contains("without a warehouse");
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(json(status).get("warehouse_error").asText()).contains("without a warehouse");
        assertThat(json(status).get("jobs_dashboard").get("port").asInt()).isEqualTo(services.dashboardPort().orElseThrow());
        assertThat(page.statusCode()).isEqualTo(200);
    }

    @Test
    void theJobRunrDashboardAnswersOnLoopback() throws Exception {
        int port = services.dashboardPort().orElseThrow();

        HttpResponse<String> dashboard = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/jobs?state=SUCCEEDED")).build());

        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("\"items\"");
    }

    /** Waits for the run and, when it was a load that brought something new, for the micro-batch loop to transform it. */
    private static void awaitSettled(String runId) {
        awaitFinal(runId);
        await(PATIENCE, () -> real.stages().completeness(), snapshot -> !snapshot.goldBehind());
    }

    /**
     * Waits until the API lists no run that waits or runs: every execution starts from one, so from then on the
     * warehouse's counts of executions are final.
     */
    private static void awaitNoRunLeft() {
        await(PATIENCE, () -> {
            List<String> left = new ArrayList<>();
            for (String state : List.of("ENQUEUED", "PROCESSING")) {
                json(send(authorized(base + "/api/v1/runs?state=" + state).build())).path("runs")
                        .forEach(run -> left.add(run.path("run_id").asText() + " " + state));
            }
            return left;
        }, List::isEmpty);
    }

    private static JsonNode awaitFinal(String runId) {
        return await(PATIENCE, () -> {
            try {
                return json(send(authorized(base + "/api/v1/runs/" + runId).build()));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, run -> Set.of("SUCCEEDED", "FAILED").contains(run.path("state").asText()));
    }

    private static HttpResponse<String> post(Map<String, Object> body) throws Exception {
        return postRaw(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }

    private static HttpResponse<String> postRaw(HttpRequest.BodyPublisher body) throws Exception {
        return send(authorized(base + "/api/v1/runs").header("Content-Type", "application/json").POST(body).build());
    }

    private static HttpRequest.Builder authorized(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + TOKEN);
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }
}
