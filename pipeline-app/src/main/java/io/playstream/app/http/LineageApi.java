package io.playstream.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The lineage page: {@code GET /lineage/} serves {@code lineage/} from the jar (public, as the
 * dashboard: it holds no data), and {@code GET /api/v1/lineage} the graph of the last transform's
 * {@code manifest.json} ({@link LineageGraph}), behind the API token like every data call. Before
 * the first transform there is no manifest: 404, saying so.
 */
final class LineageApi {

    static final String PAGE = "/lineage";
    private static final Map<String, String> PAGE_HEADERS = Map.of(
            "Content-Security-Policy", DashboardAssets.CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "Cache-Control", "no-cache");

    private final Optional<Path> target;
    private final ObjectMapper json;

    LineageApi(Optional<Path> target, ObjectMapper json) {
        this.target = target;
        this.json = json;
    }

    static void configure(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = PAGE;
            files.directory = "/lineage";
            files.location = Location.CLASSPATH;
            files.headers = PAGE_HEADERS;
        });
    }

    void routes(Javalin app) {
        app.get("/api/v1/lineage", this::show);
    }

    private void show(Context ctx) {
        Path manifest = target.map(t -> t.resolve("manifest.json"))
                .orElseThrow(() -> new ApiError(404, "this server runs without a dbt project: no lineage"));
        if (!Files.isRegularFile(manifest)) {
            throw new ApiError(404, "no manifest.json yet: the lineage appears after the first transform");
        }
        JsonNode root;
        try {
            root = json.readTree(manifest.toFile());
        } catch (IOException e) {
            // the runner moves it into place whole, so only another tool can leave it unreadable
            throw ApiError.passingOutage("manifest.json cannot be read; try again");
        }
        ctx.json(LineageGraph.of(root, json));
    }
}
