package io.playstream.app.http;

import static io.playstream.app.http.DashboardDom.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.testing.Await;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lineage page in a real browser (headless Chromium) against the real app, after a pipeline
 * run wrote the manifest: the graph holds the manifest's sources, models and exposure, a picked
 * node shows what its manifest entry says (description, columns) and its upstream and downstream
 * as parent_map and child_map give them, clicks move through the graph and back returns.
 * Screenshots are left in {@code target/lineage-screenshots/}.
 */
class LineageIT {

    private static final String TOKEN = "lineage-token-" + UUID.randomUUID();
    private static final Path SCREENSHOTS = Path.of("target", "lineage-screenshots");
    private static final Set<String> SHOWN = Set.of("source", "seed", "model", "snapshot", "exposure");
    private static final String SOURCE = "source.playstream.bronze.spotify_events";
    private static final String STAGING = "model.playstream.stg_events";
    private static final String EXPOSURE = "exposure.playstream.playstream_listening_report";

    @TempDir
    static Path dataDir;
    @TempDir
    static Path browserDir;

    private static GoldApp app;
    private static JsonNode manifest;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(HeadlessChromium.isInstalled(), "browser test skipped: " + HeadlessChromium.EXECUTABLE + " is not installed");
        app = GoldApp.startWithGold(dataDir, TOKEN);
        manifest = new ObjectMapper().readTree(dataDir.resolve("dbt-target").resolve("manifest.json").toFile());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theApiGivesEveryShownNodeOfTheManifestWithItsParentsAndChildren() {
        JsonNode lineage = app.getJson("/api/v1/lineage");
        Set<String> ids = new TreeSet<>();
        lineage.get("nodes").forEach(n -> ids.add(n.get("unique_id").asText()));

        assertThat(ids).isEqualTo(shownIds()).contains(SOURCE, STAGING, EXPOSURE, "seed.playstream.countries",
                "snapshot.playstream.listener_profiles_snapshot");
        for (JsonNode node : lineage.get("nodes")) {
            String id = node.get("unique_id").asText();
            assertThat(strings(node.get("parents"))).as(id).isEqualTo(shown(manifest.path("parent_map").path(id)));
            assertThat(strings(node.get("children"))).as(id).isEqualTo(shown(manifest.path("child_map").path(id)));
        }
        assertThat(GoldApp.send(HttpRequest.newBuilder(URI.create(app.base() + "/api/v1/lineage")).build()).statusCode())
                .isEqualTo(401);
    }

    /** A person's clicks: a node, the exposure, a downstream link, then back. */
    @Test
    void pickingANodeShowsItsDescriptionColumnsUpstreamAndDownstream() throws IOException {
        try (DevToolsPage page = DevToolsPage.start(browserDir, 1600, 1200)) {
            page.open(app.base() + "/lineage/?node=" + STAGING + "#token=" + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8));
            awaitPicked(page, STAGING);
            JsonNode staging = manifest.path("nodes").path(STAGING);

            assertThat(page.evaluate("document.querySelectorAll('[data-testid=node]').length").asInt()).isEqualTo(shownIds().size());
            assertThat(page.evaluate("Number(document.body.dataset.edges)").asInt()).isEqualTo(shownEdges());
            assertThat(text(page, "node-name")).isEqualTo("stg_events");
            assertThat(text(page, "node-description")).isEqualTo(staging.get("description").asText().strip()).isNotBlank();
            assertThat(list(page, "[data-testid=node-columns] tbody tr", "column"))
                    .containsExactlyElementsOf(fieldNames(staging.get("columns")));
            assertThat(new TreeSet<>(list(page, "[data-testid=upstream] li", "id"))).isEqualTo(reach(STAGING, "parent_map"))
                    .contains(SOURCE, "model.playstream.int_load_batches");
            assertThat(new TreeSet<>(list(page, "[data-testid=downstream] li", "id"))).isEqualTo(reach(STAGING, "child_map"))
                    .contains(EXPOSURE, "model.playstream.top_songs");
            assertThat(page.evaluate("[...document.querySelectorAll('.node.upstream')].map(n => n.dataset.id).sort().join('|')").asText())
                    .isEqualTo(String.join("|", reach(STAGING, "parent_map")));

            page.click(".node[data-id=\"" + EXPOSURE + "\"]");
            awaitPicked(page, EXPOSURE);
            assertThat(page.evaluate("location.search").asText()).isEqualTo("?node=" + URLEncoder.encode(EXPOSURE, StandardCharsets.UTF_8));
            assertThat(list(page, "[data-testid=downstream] li", "id")).isEmpty();
            assertThat(new TreeSet<>(list(page, "[data-testid=upstream] li", "id"))).isEqualTo(reach(EXPOSURE, "parent_map")).contains(SOURCE);
            assertThat(text(page, "node-description")).isEqualTo(manifest.path("exposures").path(EXPOSURE).get("description").asText().strip());

            page.click("[data-testid=upstream] li[data-id=\"" + SOURCE + "\"] a");
            awaitPicked(page, SOURCE);
            assertThat(text(page, "node-name")).isEqualTo("bronze.spotify_events");
            assertThat(list(page, "[data-testid=upstream] li", "id")).isEmpty();
            assertThat(list(page, "[data-testid=node-columns] tbody tr", "column"))
                    .containsExactlyElementsOf(fieldNames(manifest.path("sources").path(SOURCE).get("columns")));

            page.evaluate("history.back()");
            awaitPicked(page, EXPOSURE);
            page.evaluate("history.back()");
            awaitPicked(page, STAGING);
        }
        screenshot("?node=" + STAGING, 1600, 1400, "lineage-stg_events-1600.png");
        screenshot("?node=" + EXPOSURE, 1600, 1400, "lineage-exposure-1600.png");
        screenshot("?node=" + STAGING, 500, 2600, "lineage-stg_events-phone.png");
    }

    @Test
    void withoutATokenThePageAsksForIt() {
        String dom = new HeadlessChromium(browserDir).dumpDom(app.base() + "/lineage/");

        assertThat(dom).containsPattern("<dialog id=\"token-dialog\"[^>]*\\bopen");
        assertThat(attribute(dom, "body", "data-state")).isEqualTo("loading");
    }

    @Test
    void theDashboardLinksToTheLineagePage() {
        String dashboard = GoldApp.send(app.request("/").build()).body();

        assertThat(dashboard).contains("href=\"/lineage/\"");
        assertThat(GoldApp.send(app.request("/lineage/").build()).body()).contains("<title>Playstream lineage</title>");
    }

    private static void awaitPicked(DevToolsPage page, String id) {
        Await.await(Duration.ofSeconds(60), () -> page.evaluate("document.body ? document.body.dataset.state + ' ' + (document.body.dataset.selected || '') : ''").asText(),
                seen -> seen.equals("ready " + id));
    }

    private static String text(DevToolsPage page, String testId) {
        return page.evaluate("document.querySelector('[data-testid=" + testId + "]').textContent").asText().strip();
    }

    private static List<String> list(DevToolsPage page, String selector, String data) {
        JsonNode values = page.evaluate("[...document.querySelectorAll('" + selector + "')].map(e => e.dataset." + data + ")");
        List<String> list = new ArrayList<>();
        values.forEach(v -> list.add(v.asText()));
        return list;
    }

    private static void screenshot(String query, int width, int height, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path png = SCREENSHOTS.resolve(name);
        new HeadlessChromium(browserDir).screenshot(app.base() + "/lineage/" + query + "#token="
                + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8), width, height, png);
        assertThat(Files.size(png)).isGreaterThan(20_000);
    }

    /** Every node reached from {@code id} through {@code map} (parent_map or child_map), tests left out. */
    private static Set<String> reach(String id, String map) {
        Set<String> seen = new TreeSet<>();
        Deque<String> queue = new ArrayDeque<>(shown(manifest.path(map).path(id)));
        while (!queue.isEmpty()) {
            String next = queue.pop();
            if (seen.add(next)) {
                queue.addAll(shown(manifest.path(map).path(next)));
            }
        }
        return seen;
    }

    private static Set<String> shownIds() {
        Set<String> ids = new TreeSet<>();
        for (String section : List.of("nodes", "sources", "exposures")) {
            manifest.path(section).properties().forEach(e -> {
                if (SHOWN.contains(e.getValue().path("resource_type").asText())) {
                    ids.add(e.getKey());
                }
            });
        }
        return ids;
    }

    private static int shownEdges() {
        int edges = 0;
        for (String id : shownIds()) {
            edges += shown(manifest.path("parent_map").path(id)).size();
        }
        return edges;
    }

    private static Set<String> shown(JsonNode ids) {
        Set<String> all = shownIds();
        Set<String> kept = new TreeSet<>();
        ids.forEach(id -> {
            if (all.contains(id.asText())) {
                kept.add(id.asText());
            }
        });
        return kept;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static List<String> fieldNames(JsonNode columns) {
        List<String> names = new ArrayList<>();
        columns.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
