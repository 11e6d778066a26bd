package io.playstream.app.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JobRunr's dashboard served through this server, behind the API's token ({@link BearerToken}),
 * while JobRunr's own dashboard server listens on loopback only. Mounted at JobRunr's own paths,
 * not under a prefix: its frontend is built with absolute paths ({@code /dashboard/static/...},
 * {@code fetch("/api/jobs?...")}, {@code new EventSource("/sse/jobstats")}), so a prefix would
 * mean rewriting its minified scripts on the way through. None of these paths is the app's own:
 * JobRunr's REST roots ({@link #API_ROOTS}) sit beside {@code /api/v1}, and the app's pages are at
 * {@code /} and {@code /lineage/}.
 *
 * <p>Answers are copied as they arrive and flushed after every read, so JobRunr's server-sent
 * events ({@code /sse/*}) reach the browser one by one; neither Javalin's compression nor its
 * result buffer is in the way (the copy writes the servlet's own stream). Only the headers JobRunr
 * needs go upstream: the bearer token and the session cookie stay here.
 */
final class JobsDashboardProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobsDashboardProxy.class);

    /** JobRunr's REST roots under {@code /api} (its JobRunrApiHandler), the ones its frontend calls. */
    static final List<String> API_ROOTS = List.of("jobs", "recurring-jobs", "servers", "problems", "version", "metadata");
    /** JobRunr's paths outside {@code /api}: the frontend and its event streams. */
    static final List<String> OWN_PATHS = List.of("/dashboard", "/dashboard/*", "/sse/*");
    private static final String EVENTS = "/sse/";
    /** A REST answer or a file; event streams have no end and get no timeout. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);
    private static final Set<String> REQUEST_HEADERS = Set.of("Accept", "Accept-Language", "Content-Type");
    /** Per connection, or set by Jetty for its own connection. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "upgrade",
            "content-length", "date", "server");

    private final URI upstream;
    /** Answers being copied; an event stream only ends when its browser leaves, or here at close. */
    private final Set<InputStream> copying = ConcurrentHashMap.newKeySet();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    private JobsDashboardProxy(URI upstream) {
        this.upstream = upstream;
    }

    /** Routes JobRunr's paths to the dashboard at {@code address}; the caller guards them with the token first. */
    static JobsDashboardProxy routes(Javalin app, InetSocketAddress address) {
        JobsDashboardProxy proxy = new JobsDashboardProxy(base(address));
        for (String path : OWN_PATHS) {
            app.get(path, proxy::forward);
        }
        for (String root : API_ROOTS) {
            for (String path : List.of("/api/" + root, "/api/" + root + "/*")) {
                app.get(path, proxy::forward);
                app.post(path, proxy::forward);
                app.delete(path, proxy::forward);
            }
        }
        return proxy;
    }

    /** Where JobRunr listens; its own loopback address when it was bound to every interface. */
    private static URI base(InetSocketAddress address) {
        InetAddress host = address.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : address.getAddress();
        String literal = host.getHostAddress();
        return URI.create("http://" + (literal.contains(":") ? "[" + literal + "]" : literal) + ":" + address.getPort());
    }

    private void forward(Context ctx) throws InterruptedException {
        HttpRequest request = upstreamRequest(ctx);
        HttpResponse<InputStream> answer;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            LOG.warn("JobRunr's dashboard at {} did not answer {} {}: {}", upstream, ctx.method(), ctx.path(), e.toString());
            throw new ApiError(502, "JobRunr's dashboard does not answer");
        }
        ctx.attribute(ApiServer.ANSWERED, Boolean.TRUE); // JobRunr's own 404s are not the API's "no such endpoint"
        InputStream body = answer.body();
        copying.add(body);
        try (body) {
            HttpServletResponse response = ctx.res();
            response.setStatus(answer.statusCode());
            answer.headers().map().forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                // no CORS header in any of this server's answers, whatever JobRunr is configured to send
                if (!HOP_BY_HOP.contains(lower) && !lower.startsWith("access-control-")) {
                    response.setHeader(name, values.get(0));
                    values.subList(1, values.size()).forEach(value -> response.addHeader(name, value));
                }
            });
            OutputStream out = response.getOutputStream();
            response.flushBuffer(); // the status and headers now, before an event stream's first event
            byte[] buffer = new byte[8192];
            for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // the browser went away (a closed tab ends its event streams) or JobRunr stopped mid-answer
            LOG.debug("Copying {} {} from JobRunr's dashboard ended: {}", ctx.method(), ctx.path(), e.toString());
        } finally {
            copying.remove(body);
        }
    }

    /** Ends the answers still being copied (open event streams), so that the server stops without waiting on them. */
    @Override
    public void close() {
        for (InputStream body : copying) {
            try {
                body.close();
            } catch (IOException e) {
                LOG.debug("Closing an answer of JobRunr's dashboard failed: {}", e.toString());
            }
        }
    }

    private HttpRequest upstreamRequest(Context ctx) {
        String query = ctx.queryString();
        URI target;
        try {
            target = URI.create(upstream + ctx.path() + (query == null ? "" : "?" + query));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("not a valid address for JobRunr's dashboard");
        }
        byte[] body = ctx.bodyAsBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(target).method(ctx.method().name(),
                body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (!ctx.path().startsWith(EVENTS)) {
            request.timeout(ANSWER_TIMEOUT);
        }
        for (String name : REQUEST_HEADERS) {
            String value = ctx.header(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        return request.build();
    }
}
