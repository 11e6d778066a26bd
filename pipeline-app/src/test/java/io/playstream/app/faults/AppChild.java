package io.playstream.app.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.testing.Await;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code playstream run --config FILE} (with JobRunr's dashboard on) as a child process, and the parts of its HTTP API and JobRunr's the faults use. */
final class AppChild {

    private static final Pattern READY = Pattern.compile(
            "API on http://127\\.0\\.0\\.1:(\\d+)/, JobRunr dashboard on http://127\\.0\\.0\\.1:(\\d+)/dashboard");
    // generous: on a machine shared with other builds a JVM start has taken over two minutes (its thread dump: class loading, starved of CPU)
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final ChildJvm jvm;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private volatile int apiPort;
    private volatile int jobsDashboardPort;
    private volatile Instant incarnationStarted;

    AppChild(ChildJvm jvm) {
        this.jvm = jvm;
    }

    /** Starts (or restarts) the app; returns how long it took until its API answered. */
    Duration start() {
        long started = System.nanoTime();
        incarnationStarted = Instant.now();
        Matcher ready = jvm.start(READY, START_TIMEOUT);
        apiPort = Integer.parseInt(ready.group(1));
        jobsDashboardPort = Integer.parseInt(ready.group(2));
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /**
     * Waits until no job is PROCESSING on behalf of a killed incarnation: JobRunr reruns such an
     * orphan once the dead server's heartbeat has timed out (4 poll intervals), and until then it
     * keeps the {@code updatedAt} of the kill, while the running server refreshes its own jobs'.
     * Reads JobRunr's dashboard API; returns how long it waited.
     */
    Duration awaitNoOrphanedJobs(Duration timeout) {
        return awaitNoOrphanedJobs(incarnationStarted, timeout);
    }

    /** As {@link #awaitNoOrphanedJobs(Duration)}, for jobs PROCESSING since before {@code since} (e.g. another instance's restart). */
    Duration awaitNoOrphanedJobs(Instant since, Duration timeout) {
        AtomicReference<List<Instant>> orphans = new AtomicReference<>(List.of());
        return Await.until(() -> orphans.updateAndGet(last -> orphans(since)).isEmpty(), timeout,
                () -> "JobRunr still shows jobs PROCESSING since before the last start " + orphans.get() + "; log " + jvm.log());
    }

    /** When each job PROCESSING since before {@code since} was last updated. */
    private List<Instant> orphans(Instant since) {
        URI processing = URI.create("http://127.0.0.1:" + jobsDashboardPort + "/api/jobs?state=PROCESSING&offset=0&limit=1000");
        List<Instant> orphans = new ArrayList<>();
        for (JsonNode job : send(HttpRequest.newBuilder(processing).GET(), 200).path("items")) {
            Instant updated = lastUpdate(job);
            if (updated.isBefore(since)) {
                orphans.add(updated);
            }
        }
        return orphans;
    }

    /** When the current incarnation was started. */
    Instant incarnationStarted() {
        return incarnationStarted;
    }

    ChildJvm jvm() {
        return jvm;
    }

    /** {@code POST /api/v1/runs}; returns the run id. */
    String postRun(String job, String idempotencyKey) {
        return postRun(job, idempotencyKey, "");
    }

    /** As {@link #postRun(String, String)}, with more fields, e.g. {@code , "full_refresh": true}. */
    String postRun(String job, String idempotencyKey, String moreFields) {
        String body = "{\"job\": \"" + job + "\", \"idempotency_key\": \"" + idempotencyKey + "\"" + moreFields + "}";
        JsonNode answer = send(HttpRequest.newBuilder(api("/api/v1/runs")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), 202);
        return answer.get("run_id").asText();
    }

    /** The run's state and, when it failed, why. */
    Map<String, String> run(String runId) {
        JsonNode answer = send(HttpRequest.newBuilder(api("/api/v1/runs/" + runId)).GET(), 200);
        return Map.of("state", answer.get("state").asText(),
                "reason", answer.has("reason") ? answer.get("reason").asText() : "",
                "attempts", answer.path("attempts").asText());
    }

    /** Waits until the run ends; fails the test when it failed or never ended. */
    Map<String, String> awaitSucceeded(String runId, Duration timeout) {
        AtomicReference<Map<String, String>> last = new AtomicReference<>(Map.of());
        Await.until(() -> Set.of("SUCCEEDED", "FAILED").contains(last.updateAndGet(previous -> run(runId)).get("state")), timeout,
                () -> "run " + runId + " did not end: " + last.get() + "; log " + jvm.log());
        if (!last.get().get("state").equals("SUCCEEDED")) {
            throw new AssertionError("run " + runId + " did not succeed: " + last.get() + "; log " + jvm.log());
        }
        return last.get();
    }

    /** When the job's current state (the last of its history) was last updated. */
    private static Instant lastUpdate(JsonNode job) {
        JsonNode history = job.path("jobHistory");
        JsonNode state = history.isArray() && !history.isEmpty() ? history.get(history.size() - 1) : job;
        JsonNode updated = state.hasNonNull("updatedAt") ? state.get("updatedAt") : job.get("updatedAt");
        if (updated == null || updated.isNull()) {
            throw new AssertionError("a job without updatedAt in JobRunr's answer: " + job);
        }
        return Instant.parse(updated.asText());
    }

    private URI api(String path) {
        return URI.create("http://127.0.0.1:" + apiPort + path);
    }

    private JsonNode send(HttpRequest.Builder request, int expectedStatus) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new AssertionError(request.build().uri() + " answered " + response.statusCode() + ": " + response.body());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("the app's API did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
