package io.playstream.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.app.config.ConfigLoader;
import io.playstream.app.config.PlaystreamConfig;
import io.playstream.app.run.AppServices;
import io.playstream.testing.Await;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JobRunr's dashboard reached through the real app ({@code AppServices.start}: broker, sink, JobRunr,
 * API) with a token: refused without it, and with the session cookie a browser gets from
 * {@code POST /api/v1/session}, its page, its scripts, its REST API and its server-sent events, as
 * the browser asks for them (no Authorization header). JobRunr's own server listens on loopback.
 */
class JobsDashboardProxyIT {

    private static final String TOKEN = "dashboard-token-" + UUID.randomUUID();
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SCRIPT = Pattern.compile("<script[^>]* src=\"(/dashboard/static/js/index\\.[^\"]+\\.js)\"");

    @TempDir
    static Path dataDir;
    @TempDir
    static Path browserDir;

    private static AppServices app;
    private static String base;
    /** A load run by JobRunr, so its job list and stats hold one job. */
    private static String runId;

    @BeforeAll
    static void startApp() {
        Map<String, String> environment = Map.of("PLAYSTREAM_API_TOKEN", TOKEN, "PLAYSTREAM_SCHEDULE_LOAD", "off");
        PlaystreamConfig config = ConfigLoader.load(Optional.empty(), dataDir, environment,
                Map.of("data-dir", dataDir.toString(), "http.port", "0", "jobs.port", "0"));
        app = AppServices.start(config, environment);
        base = "http://127.0.0.1:" + app.apiPort();
        runId = loadRun();
    }

    /** Posts a load (of an empty bucket) and returns its run id, JobRunr's job id, once it is over. */
    private static String loadRun() {
        HttpResponse<String> posted = send(withToken("/api/v1/runs").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"job\":\"load\",\"idempotency_key\":\"dashboard-" + UUID.randomUUID() + "\"}"))
                .build());
        String id = json(posted).get("run_id").asText();
        Await.await(PATIENCE, () -> json(send(withToken("/api/v1/runs/" + id).build())).path("state").asText(),
                state -> Set.of("SUCCEEDED", "FAILED").contains(state));
        return id;
    }

    @AfterAll
    static void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void withoutTheTokenEveryDashboardPathIs401AndNothingReachesJobRunr() {
        for (String path : new String[] {"/dashboard", "/dashboard/jobs", "/dashboard/static/js/x.js", "/api/jobs?state=SUCCEEDED",
                "/api/servers", "/api/version", "/sse/jobstats", "/api/jobs/" + runId}) {
            HttpResponse<String> bare = send(request(path).build());
            assertThat(bare.statusCode()).as(path).isEqualTo(401);
            assertThat(json(bare).get("error").asText()).isEqualTo("unauthorized");
            HttpResponse<String> wrongToken = send(request(path).header("Authorization", "Bearer not-" + TOKEN).build());
            assertThat(wrongToken.statusCode()).as(path).isEqualTo(401);
            HttpResponse<String> forgedCookie = send(request(path).header("Cookie", BearerToken.COOKIE + "=" + TOKEN).build());
            assertThat(forgedCookie.statusCode()).as(path).isEqualTo(401);
        }

        // a deletion without the token is refused before JobRunr: the job is still there
        HttpResponse<String> delete = send(request("/api/jobs/" + runId).DELETE().build());
        assertThat(delete.statusCode()).isEqualTo(401);
        assertThat(jobState(send(withToken("/api/jobs/" + runId).build()))).isEqualTo("SUCCEEDED");
    }

    @Test
    void signingInSetsAnHttpOnlyStrictCookieThatIsNotTheToken() {
        HttpResponse<String> refused = send(request(SessionApi.PATH).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();

        HttpResponse<String> signedIn = send(withToken(SessionApi.PATH).POST(HttpRequest.BodyPublishers.noBody()).build());

        assertThat(signedIn.statusCode()).isEqualTo(204);
        String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith(BearerToken.COOKIE + "=").contains("; HttpOnly").contains("; SameSite=Strict")
                .contains("; Path=/").contains("; Max-Age=" + SessionCookie.LIFETIME.toSeconds()).doesNotContain(TOKEN)
                .doesNotContain("Secure");
        // behind a TLS-terminating proxy the browser is on HTTPS: the cookie must never go out in clear
        HttpResponse<String> behindProxy = send(withToken(SessionApi.PATH).header("X-Forwarded-Proto", "https")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(behindProxy.headers().firstValue("Set-Cookie").orElseThrow()).contains("; Secure");
    }

    @Test
    void theDashboardPageItsScriptAndItsJobsApiAnswerABrowserWithTheSessionCookie() {
        String cookie = signIn();

        HttpResponse<String> page = send(request("/dashboard").header("Cookie", cookie).header("Accept", "text/html").build());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'nonce-");
        assertThat(page.body()).contains("<title>JobRunr</title>");
        Matcher script = SCRIPT.matcher(page.body());
        assertThat(script.find()).as(page.body()).isTrue();
        HttpResponse<String> bundle = send(request(script.group(1)).header("Cookie", cookie).build());
        assertThat(bundle.statusCode()).isEqualTo(200);
        // the frontend's own calls, at the paths it asks for (its build has them absolute)
        assertThat(bundle.body()).contains("/api/jobs?state=").contains("/sse/jobstats");

        HttpResponse<String> jobs = send(request("/api/jobs?state=SUCCEEDED&offset=0&limit=20&order=updatedAt:DESC")
                .header("Cookie", cookie).header("Accept", "application/json").build());
        assertThat(jobs.statusCode()).isEqualTo(200);
        assertThat(json(jobs).get("items").findValuesAsText("id")).contains(runId);
        assertThat(json(send(request("/api/servers").header("Cookie", cookie).build())).size()).isEqualTo(1);
        // the app's own API beside JobRunr's: still the app's
        assertThat(json(send(request("/api/v1/runs/" + runId).header("Cookie", cookie).build())).get("run_id").asText())
                .isEqualTo(runId);
    }

    @Test
    void jobRunrsServerSentEventsStreamThroughTheApi() throws Exception {
        String cookie = signIn();
        HttpResponse<InputStream> events = HTTP.send(request("/sse/jobstats").header("Cookie", cookie)
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(events.body(), StandardCharsets.UTF_8))) {
            assertThat(events.statusCode()).isEqualTo(200);
            assertThat(events.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
            // the stream never ends by itself: the first event arriving at all shows nothing holds it back
            String line = lines.readLine();
            while (line != null && !line.startsWith("data:")) {
                line = lines.readLine();
            }
            assertThat(line).as("the stream ended before its first event").isNotNull();
            JsonNode stats = JSON.readTree(line.substring("data:".length()));
            assertThat(stats.get("succeeded").asLong()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void aChangeCarriedByTheCookieAloneMustComeFromTheAppsOwnOrigin() {
        String cookie = signIn();

        HttpResponse<String> foreign = send(request("/api/jobs/" + runId).header("Cookie", cookie)
                .header("Origin", "http://127.0.0.1:3000").DELETE().build());
        HttpResponse<String> noOrigin = send(request("/api/jobs/" + runId).header("Cookie", cookie).DELETE().build());

        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(noOrigin.statusCode()).isEqualTo(403);
        assertThat(jobState(send(withToken("/api/jobs/" + runId).build()))).isEqualTo("SUCCEEDED");
    }

    /**
     * A person in Chromium: the app's dashboard, opened with the token, signs the browser in and
     * shows the JobRunr link; JobRunr's dashboard then draws its pages from its API and its events,
     * and deletes a job, with nothing but the cookie the browser keeps.
     */
    @Test
    void aPersonSignedInOnTheAppsDashboardUsesJobRunrsDashboardInChromium() throws Exception {
        assumeTrue(HeadlessChromium.isInstalled(), "browser test skipped: " + HeadlessChromium.EXECUTABLE + " is not installed");
        try (DevToolsPage page = DevToolsPage.start(browserDir, 1280, 900)) {
            page.open(base + "/#token=" + TOKEN);
            String link = "(l => l && !l.hidden ? l.getAttribute('href') : '')(document.getElementById('jobs-link'))";
            assertThat(Await.await(PATIENCE, () -> page.evaluate(link).asText(), href -> !href.isEmpty())).isEqualTo("/dashboard");

            page.open(base + "/dashboard/jobs?state=SUCCEEDED");
            String text = Await.await(PATIENCE, () -> page.evaluate("document.body ? document.body.innerText : ''").asText(),
                    seen -> seen.contains(runId));
            assertThat(text).contains("Succeeded");
            String firstEvent = "new Promise(done => { const events = new EventSource('/sse/jobstats');"
                    + " events.onmessage = e => { events.close(); done(e.data); }; })";
            assertThat(JSON.readTree(page.evaluate(firstEvent).asText()).get("succeeded").asLong()).isGreaterThanOrEqualTo(1);

            // a change, as JobRunr's page sends it (the browser adds its Origin): through, and done
            String other = loadRun();
            assertThat(page.evaluate("fetch('/api/jobs/" + other + "', { method: 'DELETE' }).then(r => r.status)").asInt())
                    .isBetween(200, 299);
            assertThat(jobState(send(withToken("/api/jobs/" + other).build()))).isEqualTo("DELETED");
        }
    }

    /** Signs in as the dashboard's page does, and returns the cookie as a browser sends it back. */
    private static String signIn() {
        HttpResponse<String> signedIn = send(withToken(SessionApi.PATH).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(signedIn.statusCode()).isEqualTo(204);
        String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    }

    private static HttpRequest.Builder withToken(String path) {
        return request(path).header("Authorization", "Bearer " + TOKEN);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        return GoldApp.send(request);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return GoldApp.json(response);
    }

    /** A job's state as JobRunr's REST API shows it (the last of its history). */
    private static String jobState(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).get("jobHistory").findValuesAsText("state").stream().reduce((first, last) -> last).orElseThrow();
    }
}
