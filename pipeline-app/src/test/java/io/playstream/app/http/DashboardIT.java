package io.playstream.app.http;

import static io.playstream.app.http.DashboardDom.attribute;
import static io.playstream.app.http.DashboardDom.element;
import static io.playstream.app.http.DashboardDom.headline;
import static io.playstream.app.http.DashboardDom.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.playstream.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser (headless Chromium) against the real app with gold built from the
 * fixture events: the numbers it shows are the gold tables', its charts are drawn by the vendored
 * Chart.js, and it asks for the token when the API wants one. Screenshots are left in
 * {@code target/dashboard-screenshots/} for a person to look at.
 */
class DashboardIT {

    private static final String TOKEN = "dash-token-" + UUID.randomUUID();
    private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");

    @TempDir
    static Path dataDir;
    @TempDir
    static Path browserDir;

    private static GoldApp app;
    private static HeadlessChromium chromium;
    private static String dom;

    @BeforeAll
    static void start() {
        assumeTrue(HeadlessChromium.isInstalled(), "browser test skipped: " + HeadlessChromium.EXECUTABLE
                + " is not installed (apt-get install -y chromium)");
        addQuarantinedLines(dataDir.resolve("bucket"));
        app = GoldApp.startWithGold(dataDir, TOKEN);
        chromium = new HeadlessChromium(browserDir);
        dom = chromium.dumpDom(pageWithToken());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theHeadlineNumbersAreTheGoldTables() {
        assertThat(attribute(dom, "body", "data-state")).isEqualTo("ready");
        JsonNode devices = app.getJson("/api/v1/gold/engagement_by_device").get("rows");
        JsonNode songs = app.getJson("/api/v1/gold/top_songs").get("rows");
        Set<String> listeners = new HashSet<>();
        app.getJson("/api/v1/gold/user_engagement?limit=10000").get("rows").forEach(r -> listeners.add(r.get("user_id").asText()));
        long plays = sum(devices, "plays");
        long skips = sum(devices, "skips");
        String skipRate = BigDecimal.valueOf(skips).divide(BigDecimal.valueOf(plays + skips), 4, RoundingMode.HALF_UP).toPlainString();

        assertThat(headline(dom, "events")).isEqualTo(Long.toString(sum(devices, "events"))).isEqualTo("710");
        assertThat(headline(dom, "listeners")).isEqualTo(Integer.toString(listeners.size())).isEqualTo("20");
        assertThat(headline(dom, "plays")).isEqualTo(Long.toString(sum(songs, "plays"))).isEqualTo("176");
        assertThat(headline(dom, "skip-rate")).isEqualTo(skipRate).isEqualTo("0.4971");
        assertThat(headline(dom, "songs")).isEqualTo(Integer.toString(songs.size()));
        assertThat(text(dom, "headline-skip-rate")).isEqualTo("49.7%");
    }

    @Test
    void theTablesShowTopSongsAndRecentSessions() {
        assertThat(count(dom, "data-testid=\"top-songs-row\"")).isEqualTo(6);
        String firstSong = dom.substring(dom.indexOf("data-testid=\"top-songs-row\""));
        assertThat(firstSong.substring(0, firstSong.indexOf("</tr>")))
                .contains(">Blinding Lights<").contains(">The Weeknd<").contains(">34<").contains(">48.5%<");
        assertThat(count(dom, "data-testid=\"sessions-row\"")).isEqualTo(10);
        assertThat(dom).contains("href=\"http://127.0.0.1:" + app.jobsDashboardPort().orElseThrow() + "/dashboard\"");
    }

    @Test
    void everyChartIsDrawnByTheVendoredChartJsAndScreenshotsAreSaved() throws IOException {
        assertThat(attribute(dom, "body", "data-charts-ready")).isEqualTo("true");
        assertThat(attribute(dom, "body", "data-charts")).isEqualTo("5");
        Matcher canvases = Pattern.compile("<canvas id=\"chart-[a-z-]+\"[^>]*\\bwidth=\"(\\d+)\"[^>]*\\bheight=\"(\\d+)\"").matcher(dom);
        int drawn = 0;
        while (canvases.find()) {
            assertThat(Integer.parseInt(canvases.group(1))).isPositive();
            drawn++;
        }
        assertThat(drawn).isEqualTo(5);
        assertThat(dom).doesNotContain("Cannot load the dashboard");
        assertThat(attribute(dom, "body", "data-csp-violations")).as("blocked by the content security policy").isNull();

        Files.createDirectories(SCREENSHOTS);
        Path laptop = SCREENSHOTS.resolve("dashboard-1280.png");
        Path phone = SCREENSHOTS.resolve("dashboard-phone.png");
        chromium.screenshot(pageWithToken(), 1280, 2000, laptop);
        chromium.screenshot(pageWithToken(), 500, 3200, phone);
        assertThat(Files.size(laptop)).isGreaterThan(20_000);
        assertThat(Files.size(phone)).isGreaterThan(20_000);
    }

    @Test
    void theHealthPanelShowsEachLayersOwnFigureAsTheWarehouseCountsIt() {
        JsonNode rows = app.getJson("/api/v1/pipeline/status").get("rows");

        assertThat(healthValue("bronze-rows")).isEqualTo(rows.get("bronze").asText()).isEqualTo("714");
        assertThat(healthValue("silver-events")).isEqualTo(rows.get("silver").asText()).isEqualTo("710");
        assertThat(healthValue("gold-events")).isEqualTo(rows.get("gold_events").asText()).isEqualTo(headline(dom, "events"));
        assertThat(healthValue("quarantined")).isEqualTo(rows.get("quarantine").asText()).isEqualTo("4");
        assertThat(dom).doesNotContain("Rows bronze / silver / gold");
    }

    @Test
    void theQuarantineShowsItsReasonsAndOnlyRealProblemsAreAmber() {
        String quarantine = element(dom, "dd", "data-testid=\"health-quarantined\"");
        Matcher duplicates = Pattern.compile("<span class=\"([^\"]*)\" data-reason=\"duplicate_event_id\" data-value=\"(\\d+)\">([^<]*)<")
                .matcher(quarantine);
        Matcher malformed = Pattern.compile("<span class=\"([^\"]*)\" data-reason=\"unknown_event_type\" data-value=\"(\\d+)\">([^<]*)<")
                .matcher(quarantine);

        assertThat(duplicates.find()).as(quarantine).isTrue();
        assertThat(duplicates.group(1)).isEqualTo("reason-expected");
        assertThat(duplicates.group(2)).isEqualTo("3");
        assertThat(duplicates.group(3)).isEqualTo("3 duplicate sends (expected)");
        assertThat(malformed.find()).as(quarantine).isTrue();
        assertThat(malformed.group(1)).isEqualTo("reason-problem");
        assertThat(malformed.group(2)).isEqualTo("1");
        // amber because of the malformed event, not the duplicates; the tooltip says why
        assertThat(attribute(quarantine, "dd", "class")).isEqualTo("level-warn");
        assertThat(attribute(quarantine, "dd", "title")).contains("simulator sends a share of events twice");
    }

    @Test
    void everyCountryHasItsLabelAndTheSkipRateHasItsOwnAxisScaledToTheRates() {
        Set<String> countries = new HashSet<>();
        app.getJson("/api/v1/gold/engagement_by_country").get("rows").forEach(r -> countries.add(r.get("country").asText()));
        double highestRate = StreamSupport.stream(app.getJson("/api/v1/gold/top_songs").get("rows").spliterator(), false)
                .mapToDouble(r -> r.get("skip_rate").asDouble() * 100).max().orElseThrow();
        String countryChart = element(dom, "canvas", "id=\"chart-country\"");
        String songChart = element(dom, "canvas", "id=\"chart-top-songs\"");

        assertThat(attribute(countryChart, "canvas", "data-scale-y-labels").split("\\|")).containsExactlyInAnyOrderElementsOf(countries);
        double rateMax = Double.parseDouble(attribute(songChart, "canvas", "data-scale-rate-max"));
        assertThat(rateMax).isLessThan(100).isGreaterThanOrEqualTo(highestRate);
    }

    @Test
    void withoutATokenThePageAsksForItInsteadOfShowingData() {
        String withoutToken = chromium.dumpDom(app.base() + "/");

        assertThat(withoutToken).containsPattern("<dialog id=\"token-dialog\"[^>]*\\bopen");
        assertThat(attribute(withoutToken, "body", "data-state")).isEqualTo("loading");
        assertThat(text(withoutToken, "headline-events")).isEqualTo("–");
    }

    /**
     * One more bronze object beside the fixture's: three events the fixture already has (the
     * simulator's deliberate duplicate sends look like this) and one of an unknown type.
     */
    private static void addQuarantinedLines(Path bucket) {
        List<byte[]> fixture = Fixtures.seedEventLines();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            lines.append(new String(fixture.get(i), StandardCharsets.UTF_8).strip()).append('\n');
        }
        String fourth = new String(fixture.get(3), StandardCharsets.UTF_8).strip();
        lines.append(fourth.replaceFirst("\"event_id\"\\s*:\\s*\"[^\"]*\"", "\"event_id\":\"" + UUID.randomUUID() + "\"")
                .replaceFirst("\"event_type\"\\s*:\\s*\"[^\"]*\"", "\"event_type\":\"teleport\"")).append('\n');
        try {
            Path hour = Files.createDirectories(bucket.resolve("bronze/date=2025-12-10/hour=15"));
            Files.writeString(hour.resolve("spotify_events_2025-12-10T15-59-59.json"), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String healthValue(String name) {
        return DashboardDom.healthValue(dom, name);
    }

    /** The page, with the token in the fragment (never sent to the server; the page keeps it for the tab). */
    private static String pageWithToken() {
        return app.base() + "/#token=" + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8);
    }

    private static int count(String html, String needle) {
        return html.split(Pattern.quote(needle), -1).length - 1;
    }

    private static long sum(JsonNode rows, String column) {
        return StreamSupport.stream(rows.spliterator(), false).mapToLong(r -> r.get(column).asLong()).sum();
    }
}
