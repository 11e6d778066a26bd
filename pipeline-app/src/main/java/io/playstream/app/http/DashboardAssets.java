package io.playstream.app.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's files: {@code GET /} serves {@code dashboard/} from the jar, and
 * {@code /vendor/chart.umd.js} the Chart.js bundle of the {@code org.webjars.npm:chart.js} jar, so
 * the page runs with no network beyond this server. The page is public (it holds no data); its data
 * calls go to {@code /api/*} with the token. The content security policy lets the page load scripts,
 * styles and data only from this server.
 */
final class DashboardAssets {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardAssets.class);

    static final String CHART_JS_PATH = "/vendor/chart.umd.js";
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final String WEBJAR = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";
    private static final Map<String, String> PAGE_HEADERS = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "Cache-Control", "no-cache");

    private DashboardAssets() {
    }

    static void configure(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = "/dashboard";
            files.location = Location.CLASSPATH;
            files.headers = PAGE_HEADERS;
        });
    }

    static void routes(Javalin app) {
        Optional<byte[]> chartJs = chartJs();
        if (chartJs.isEmpty()) {
            LOG.warn("Chart.js is not on the classpath: the dashboard at / will show no charts");
        }
        app.get(CHART_JS_PATH, ctx -> serve(ctx, chartJs));
    }

    private static void serve(Context ctx, Optional<byte[]> script) {
        byte[] body = script.orElseThrow(() -> new ApiError(404, "Chart.js is not on the classpath (org.webjars.npm:chart.js)"));
        ctx.header("X-Content-Type-Options", "nosniff").header("Cache-Control", "max-age=86400")
                .contentType("text/javascript; charset=utf-8").result(body);
    }

    /** The bundle of whichever Chart.js version the build put on the classpath. */
    private static Optional<byte[]> chartJs() {
        ClassLoader loader = DashboardAssets.class.getClassLoader();
        try (InputStream pom = loader.getResourceAsStream(WEBJAR)) {
            if (pom == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(pom);
            String path = "META-INF/resources/webjars/chart.js/" + properties.getProperty("version") + "/dist/chart.umd.js";
            try (InputStream script = loader.getResourceAsStream(path)) {
                return script == null ? Optional.empty() : Optional.of(script.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Chart.js from the classpath", e);
        }
    }
}
