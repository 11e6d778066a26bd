package io.playstream.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.playstream.Failures;
import io.playstream.jobs.PipelineRuns;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API on Javalin (Jetty), bound to one address (127.0.0.1 unless configured). Every answer
 * is JSON except {@code /metrics} (Prometheus text), gold tables asked for as CSV, the dashboard's
 * files at {@code /} and JobRunr's dashboard passed through ({@link JobsDashboardProxy}); errors are {@code {"error", "reason"}} without
 * stack traces; no CORS headers are ever sent, so browsers on other origins cannot read it.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    /** Set on a request whose answer is already written (an error's body, or JobRunr's answer passed through). */
    static final String ANSWERED = "playstream.answered";
    /** What a 503 for a passing fault asks clients to wait: about what a warehouse restart or failover takes. */
    private static final String RETRY_AFTER_SECONDS = "5";

    private final Javalin app;
    private final Optional<JobsDashboardProxy> jobsDashboard;

    private ApiServer(Javalin app, Optional<JobsDashboardProxy> jobsDashboard) {
        this.app = app;
        this.jobsDashboard = jobsDashboard;
    }

    /** What the API serves; {@code healthChecks} are shown in order under {@code components}. */
    public record Settings(String host, int port, int maxBodyBytes, Optional<String> token) {
    }

    /**
     * Starts the API; {@code dashboard} feeds the gold API, the pipeline status and the dashboard page
     * at {@code /}. {@code runs} may be null for a server that only reads (the bench's api stage): it
     * then has no runs endpoints.
     */
    public static ApiServer start(Settings settings, PipelineRuns runs, PrometheusMeterRegistry metrics,
                                  Map<String, HealthCheck> healthChecks, DashboardSources dashboard) {
        ObjectMapper json = new ObjectMapper();
        RunsApi runsApi = new RunsApi(runs, json, settings.maxBodyBytes());
        GoldApi goldApi = new GoldApi(dashboard.warehouse());
        ListeningApi listeningApi = new ListeningApi(dashboard.warehouse());
        GoldCompleteness completeness = new GoldCompleteness(dashboard.warehouse());
        PipelineStatusApi statusApi = new PipelineStatusApi(dashboard, completeness, json);
        BearerToken token = new BearerToken(settings.token());
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(json, false));
            config.http.maxRequestSize = settings.maxBodyBytes();
            DashboardAssets.configure(config);
            LineageApi.configure(config);
        });
        app.before("/api/*", token::check);
        app.before("/metrics", token::check);
        JobsDashboardProxy.OWN_PATHS.forEach(path -> app.before(path, token::check));
        // on every gold answer (rows, CSV, errors alike): what the rows are complete through
        for (String gold : new String[] {"/api/v1/gold", "/api/v1/gold/*", "/api/v1/listening/*"}) {
            app.before(gold, ctx -> completeness.completeThrough()
                    .ifPresent(through -> ctx.header(GoldCompleteness.HEADER, through.toString())));
        }
        if (runs != null) {
            app.post("/api/v1/runs", runsApi::trigger);
            app.get("/api/v1/runs", runsApi::list);
            app.get("/api/v1/runs/{run_id}", runsApi::show);
        }
        app.get("/api/v1/gold", goldApi::list);
        app.get("/api/v1/gold/{table}", goldApi::show);
        app.get("/api/v1/listening/{view}", listeningApi::show);
        app.get("/api/v1/pipeline/status", statusApi::show);
        new SessionApi(token).routes(app);
        Optional<JobsDashboardProxy> jobsDashboard = dashboard.jobsDashboard().map(jobrunr -> JobsDashboardProxy.routes(app, jobrunr));
        DashboardAssets.routes(app);
        new LineageApi(dashboard.transformTarget(), json).routes(app);
        app.get("/health", ctx -> health(ctx, healthChecks));
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        app.exception(ApiError.class, (e, ctx) -> {
            if (e.passing()) {
                ctx.header(Header.RETRY_AFTER, RETRY_AFTER_SECONDS);
            }
            error(ctx, e.status(), e.getMessage());
        });
        app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            if (Failures.isRetriable(e)) { // a passing fault (the warehouse restarting): clients retry a 503
                LOG.warn("Request(method={}, path={}) met a transient failure: {}", ctx.method(), ctx.path(), e.toString());
                ctx.header(Header.RETRY_AFTER, RETRY_AFTER_SECONDS);
                error(ctx, 503, "temporarily unavailable; try again later (the server log says why)");
                return;
            }
            LOG.error("Request(method={}, path={}) failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error; see the server log");
        });
        app.error(404, ctx -> {
            if (ctx.attribute(ANSWERED) == null) {
                error(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path());
            }
        });
        app.error(405, ctx -> {
            if (ctx.attribute(ANSWERED) == null) {
                error(ctx, 405, "method not allowed");
            }
        });
        app.start(settings.host(), settings.port());
        LOG.info("API listening on http://{}:{}", settings.host(), app.port());
        return new ApiServer(app, jobsDashboard);
    }

    private static void health(Context ctx, Map<String, HealthCheck> checks) {
        Map<String, Object> components = new LinkedHashMap<>();
        boolean up = true;
        for (Map.Entry<String, HealthCheck> check : checks.entrySet()) {
            boolean componentUp = isUp(check.getValue());
            up &= componentUp;
            components.put(check.getKey(), Map.of("status", componentUp ? "UP" : "DOWN"));
        }
        ctx.status(up ? 200 : 503).json(Map.of("status", up ? "UP" : "DOWN", "components", components));
    }

    private static boolean isUp(HealthCheck check) {
        try {
            return check.isUp();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void error(Context ctx, int status, String reason) {
        ctx.attribute(ANSWERED, Boolean.TRUE);
        ctx.status(status).json(Map.of("error", errorName(status), "reason", reason == null ? "" : reason));
    }

    private static String errorName(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 502 -> "bad_gateway";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal_error" : "error";
        };
    }

    /** The port the API listens on (the actual one when 0 was asked for). */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        jobsDashboard.ifPresent(JobsDashboardProxy::close);
        app.stop();
    }
}
