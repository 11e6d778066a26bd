package io.playstream.app.http;

import static io.playstream.app.http.DashboardDom.attribute;
import static io.playstream.app.http.DashboardDom.element;
import static io.playstream.app.http.DashboardDom.headline;
import static io.playstream.app.http.DashboardDom.rows;
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
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
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
        app = GoldApp.startWithGold(dataDir, TOKEN, DashboardIT::withSkipPosition);
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
        // JobRunr's dashboard through this server, shown once the page has signed the browser in
        assertThat(dom).contains("href=\"/dashboard\"");
    }

    @Test
    void everyChartIsDrawnByTheVendoredChartJsAndScreenshotsAreSaved() throws IOException {
        assertThat(attribute(dom, "body", "data-charts-ready")).isEqualTo("true");
        // five overview charts, and the period's minutes by country and device, segments and skip curve
        assertThat(attribute(dom, "body", "data-charts")).isEqualTo("9");
        Matcher canvases = Pattern.compile("<canvas id=\"chart-[a-z-]+\"[^>]*\\bwidth=\"(\\d+)\"[^>]*\\bheight=\"(\\d+)\"").matcher(dom);
        int drawn = 0;
        while (canvases.find()) {
            assertThat(Integer.parseInt(canvases.group(1))).isPositive();
            drawn++;
        }
        assertThat(drawn).isEqualTo(9);
        assertThat(dom).doesNotContain("Cannot load the dashboard");
        assertThat(attribute(dom, "body", "data-csp-violations")).as("blocked by the content security policy").isNull();

        Files.createDirectories(SCREENSHOTS);
        Path laptop = SCREENSHOTS.resolve("dashboard-1280.png");
        Path phone = SCREENSHOTS.resolve("dashboard-phone.png");
        chromium.screenshot(pageWithToken(), 1280, 4300, laptop);
        chromium.screenshot(pageWithToken(), 500, 7600, phone);
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
     * The fixture's week (its events are all on Wednesday 2025-12-10), named by any of its days: the
     * listening views show what the gold API returns for that week, figure by figure.
     */
    @Test
    void theListeningViewsOfAWeekShowTheGoldApisNumbersOfThatWeek() throws IOException {
        String week = chromium.dumpDom(page("period=week&start=2025-12-12"));
        String filter = "period=week&start=2025-12-08";
        JsonNode artists = app.getJson("/api/v1/gold/top_artists_by_period?" + filter + "&order=-streams,-plays&limit=10000").get("rows");
        JsonNode songs = app.getJson("/api/v1/gold/top_songs_by_period?" + filter + "&order=-streams,-plays&limit=10000").get("rows");
        JsonNode time = app.getJson("/api/v1/gold/listening_time?" + filter + "&limit=10000").get("rows");

        assertThat(attribute(element(week, "span", "data-testid=\"period-label\""), "span", "data-start")).isEqualTo("2025-12-08");
        assertThat(text(week, "period-label")).isEqualTo("Week of Mon 8 Dec 2025 to Sun 14 Dec 2025");
        assertThat(artists).isNotEmpty();
        assertThat(rows(week, "top-artists")).containsExactlyElementsOf(expectedRows(artists, r -> r.get("artist_name").asText()));
        assertThat(rows(week, "period-songs")).containsExactlyElementsOf(
                expectedRows(songs, r -> r.get("song_name").asText() + r.get("artist_name").asText()));
        Set<String> listeners = new HashSet<>();
        time.forEach(r -> listeners.add(r.get("user_id").asText()));
        assertThat(dataValue(week, "period-streams")).isEqualTo(Long.toString(sum(time, "streams")));
        assertThat(dataValue(week, "period-listeners")).isEqualTo(Integer.toString(listeners.size())).isEqualTo("20");
        assertThat(dataValue(week, "period-minutes")).isEqualTo(minutes(sum(time, "listened_ms")).toPlainString());
        assertThat(dataValue(week, "period-early-skip-rate")).isEqualTo(BigDecimal.valueOf(sum(songs, "early_skips"))
                .divide(BigDecimal.valueOf(sum(songs, "plays") + sum(songs, "skips")), 4, RoundingMode.HALF_UP).toPlainString());
        assertMinutesChart(week, "chart-minutes-country", time, "country");
        assertMinutesChart(week, "chart-minutes-device", time, "device_type");

        JsonNode segments = app.getJson("/api/v1/gold/listener_segments?segment_date=2025-12-10").get("rows");
        String summary = element(week, "p", "data-testid=\"segments-summary\"");
        assertThat(attribute(summary, "p", "data-day")).isEqualTo("2025-12-10");
        for (JsonNode segment : segments) {
            assertThat(summary).contains("data-segment=\"" + segment.get("segment").asText() + "\" data-value=\""
                    + segment.get("listeners").asText() + "\"");
        }
        assertThat(sum(segments, "listeners")).isEqualTo(20);

        JsonNode curve = app.getJson("/api/v1/gold/skip_curve?device_type=all&order=bucket_start_seconds").get("rows");
        String curveChart = element(week, "canvas", "id=\"chart-skip-curve\"");
        assertThat(attribute(curveChart, "canvas", "data-labels")).isEqualTo(String.join("|", column(curve,
                r -> r.get("bucket_start_seconds").asText() + "–" + r.get("bucket_end_seconds").asText())));
        assertThat(attribute(curveChart, "canvas", "data-series")).isEqualTo("Share of skips (%)=" + String.join(",", column(curve,
                r -> plain(r.get("skip_share").decimalValue().movePointRight(2).setScale(1, RoundingMode.HALF_UP)))));
        long early = StreamSupport.stream(curve.spliterator(), false).filter(r -> r.get("is_early").asBoolean())
                .mapToLong(r -> r.get("skips").asLong()).sum();
        assertThat(early).isPositive();
        assertThat(attribute(week, "strong", "data-value")).isEqualTo(BigDecimal.valueOf(early)
                .divide(BigDecimal.valueOf(sum(curve, "skips")), 4, RoundingMode.HALF_UP).toPlainString());

        assertHeatmap(week, "utc");
        JsonNode retention = app.getJson("/api/v1/gold/retention_cohorts?limit=10000").get("rows");
        String triangle = element(week, "table", "data-testid=\"retention\"");
        assertThat(retention).isNotEmpty();
        for (JsonNode cell : retention) {
            Matcher shown = Pattern.compile("<tr data-cohort=\"" + cell.get("cohort_week").asText().substring(0, 10)
                    + "\">.*?data-week=\"" + cell.get("week_number").asText() + "\" data-value=\"([^\"]+)\"", Pattern.DOTALL).matcher(triangle);
            assertThat(shown.find()).as("retention cell %s", cell).isTrue();
            assertThat(new BigDecimal(shown.group(1))).isEqualByComparingTo(cell.get("retention_share").decimalValue());
        }
        screenshot(page("period=week&start=2025-12-12"), 1280, 4300, "listening-week-1280.png");
        screenshot(page("period=week&start=2025-12-12"), 500, 1800, "listening-week-phone-top.png");
    }

    @Test
    void theAddressOpensAnArtistAndTheLocalClock() throws IOException {
        String artist = "The Weeknd";
        String query = "period=all_time&artist=" + URLEncoder.encode(artist, StandardCharsets.UTF_8) + "&clock=local";
        String dom = chromium.dumpDom(page(query));
        JsonNode songs = app.getJson("/api/v1/gold/top_songs_by_period?period=all_time&order=-streams,-plays&artist_name="
                + URLEncoder.encode(artist, StandardCharsets.UTF_8)).get("rows");
        JsonNode months = app.getJson("/api/v1/gold/top_artists_by_period?period=month&order=period_start_date&artist_name="
                + URLEncoder.encode(artist, StandardCharsets.UTF_8)).get("rows");

        assertThat(attribute(element(dom, "article", "data-testid=\"artist-view\""), "article", "hidden")).isNull();
        assertThat(text(dom, "artist-name")).isEqualTo(artist);
        assertThat(songs).isNotEmpty();
        assertThat(rows(dom, "artist-songs")).containsExactlyElementsOf(
                expectedRows(songs, r -> r.get("song_name").asText() + r.get("artist_name").asText()));
        String trend = element(dom, "canvas", "id=\"chart-artist-trend\"");
        assertThat(attribute(trend, "canvas", "data-series")).isEqualTo("Streams=" + String.join(",", column(months, r -> r.get("streams").asText()))
                + ";Plays=" + String.join(",", column(months, r -> r.get("plays").asText())));
        assertThat(rows(dom, "top-artists").stream().map(r -> r.get(1))).contains(artist);
        assertThat(dom).containsPattern("<tr data-testid=\"top-artists-row\" data-artist=\"" + artist + "\" class=\"selected\"");
        assertHeatmap(dom, "local");

        // its countries and hours: every play of the artist once, each from the silver events the API counts
        JsonNode allTime = app.getJson("/api/v1/gold/top_artists_by_period?period=all_time&artist_name="
                + URLEncoder.encode(artist, StandardCharsets.UTF_8)).get("rows").get(0);
        JsonNode countries = app.getJson("/api/v1/listening/artist_countries?period=all_time&artist="
                + URLEncoder.encode(artist, StandardCharsets.UTF_8)).get("rows");
        String countryTable = element(dom, "table", "data-testid=\"artist-countries\"");
        for (JsonNode country : countries) {
            assertThat(countryTable).contains("data-country=\"" + country.get("name").asText() + "\" data-listeners=\""
                    + country.get("listeners").asText() + "\" data-plays=\"" + country.get("plays").asText() + "\"");
        }
        assertThat(sum(countries, "plays")).isEqualTo(allTime.get("plays").asLong()).isPositive();
        Matcher hour = Pattern.compile("data-hour=\"(\\d+)\" data-value=\"(\\d+)\" data-listeners=\"(\\d+)\"")
                .matcher(element(dom, "table", "data-testid=\"artist-hours\""));
        long hourPlays = 0;
        int hours = 0;
        while (hour.find()) {
            hours++;
            hourPlays += Long.parseLong(hour.group(2));
            if (hour.group(1).equals("15")) {
                // the fixture's one hour: every listener of the artist
                assertThat(hour.group(3)).isEqualTo(allTime.get("listeners").asText());
            }
        }
        assertThat(hours).isEqualTo(24);
        assertThat(hourPlays).isEqualTo(allTime.get("plays").asLong());
        screenshot(page(query), 1280, 4600, "listening-artist-local-1280.png");
    }

    @Test
    void aPeriodWithoutListeningSaysSoInEachView() throws IOException {
        String empty = chromium.dumpDom(page("period=week&start=2025-12-15"));

        assertThat(rows(empty, "top-artists")).isEmpty();
        assertThat(element(empty, "table", "data-testid=\"top-artists\"")).contains(">No listening in this period.<");
        assertThat(element(empty, "table", "data-testid=\"period-songs\"")).contains(">No listening in this period.<");
        assertThat(text(empty, "minutes-country-empty")).isEqualTo("No minutes streamed in this period.");
        assertThat(text(empty, "minutes-device-empty")).isEqualTo("No minutes streamed in this period.");
        assertThat(text(empty, "segments-empty")).isEqualTo("No listeners on any day of this period.");
        assertThat(dataValue(empty, "period-streams")).isEqualTo("0");
        screenshot(page("period=week&start=2025-12-15"), 1280, 2400, "listening-empty-week.png");
    }

    /** A person's clicks: the picker changes the address, and back and forward step through the views. */
    @Test
    void thePickerWritesTheAddressAndBackAndForwardReturnToEachView() {
        try (DevToolsPage page = DevToolsPage.start(browserDir, 1280, 2000)) {
            page.open(pageWithToken());
            // without a start, the week of the latest event (Wednesday 2025-12-10)
            page.awaitView("?period=week&start=2025-12-08");

            page.click("[data-period=\"month\"]");
            page.awaitView("?period=month&start=2025-12-01");
            assertThat(page.evaluate("document.querySelector('[data-testid=period-label]').textContent").asText()).isEqualTo("Dec 2025");
            JsonNode month = app.getJson("/api/v1/gold/top_artists_by_period?period=month&start=2025-12-01&order=-streams,-plays").get("rows");
            assertThat(page.evaluate("[...document.querySelectorAll('[data-testid=top-artists-row]')].map(r => r.dataset.artist).join('|')").asText())
                    .isEqualTo(String.join("|", column(month, r -> r.get("artist_name").asText()).subList(0, Math.min(10, month.size()))));

            String artist = month.get(0).get("artist_name").asText();
            page.click("[data-testid=top-artists-row] a");
            page.awaitView("?period=month&start=2025-12-01&artist=" + URLEncoder.encode(artist, StandardCharsets.UTF_8).replace("%20", "+"));
            assertThat(page.evaluate("document.querySelector('[data-testid=artist-view]').hidden").asBoolean()).isFalse();
            page.click("#period-next");
            page.awaitView("?period=month&start=2026-01-01&artist=" + URLEncoder.encode(artist, StandardCharsets.UTF_8).replace("%20", "+"));

            page.evaluate("history.back()");
            page.awaitView("?period=month&start=2025-12-01&artist=" + URLEncoder.encode(artist, StandardCharsets.UTF_8).replace("%20", "+"));
            page.evaluate("history.back()");
            page.awaitView("?period=month&start=2025-12-01");
            assertThat(page.evaluate("document.querySelector('[data-testid=artist-view]').hidden").asBoolean()).isTrue();
            page.evaluate("history.back()");
            page.awaitView("?period=week&start=2025-12-08");
            page.evaluate("history.forward()");
            page.awaitView("?period=month&start=2025-12-01");
            assertThat(page.evaluate("document.querySelector('[data-period=month]').getAttribute('aria-pressed')").asText()).isEqualTo("true");

            page.click("[data-clock=\"local\"]");
            page.awaitView("?period=month&start=2025-12-01&clock=local");
            assertThat(page.evaluate("document.querySelector('[data-testid=heatmap]').dataset.clock").asText()).isEqualTo("local");
        }
    }

    /**
     * A trailing range picked from a week: it ends on the latest event's day; its tables are what the
     * listening API answers for those 7 days, and the previous 7 days hold nothing.
     */
    @Test
    void sevenAndTwentyEightDayRangesEndOnTheLatestDayAndStepByTheirLength() throws IOException {
        try (DevToolsPage page = DevToolsPage.start(browserDir, 1280, 2000)) {
            page.open(page("period=week&start=2025-12-10"));
            page.awaitView("?period=week&start=2025-12-08");

            page.click("[data-period=\"7_days\"]");
            page.awaitView("?period=7_days&start=2025-12-04");
            assertThat(page.evaluate("document.querySelector('[data-testid=period-label]').textContent").asText())
                    .isEqualTo("7 days: Thu 4 Dec 2025 to Wed 10 Dec 2025");
            JsonNode artists = app.getJson("/api/v1/listening/artists?period=7_days&start=2025-12-04").get("rows");
            assertThat(artists).isNotEmpty();
            assertThat(page.evaluate("[...document.querySelectorAll('[data-testid=top-artists-row]')].map(r => r.dataset.artist).join('|')").asText())
                    .isEqualTo(String.join("|", column(artists, r -> r.get("artist_name").asText())));
            JsonNode totals = app.getJson("/api/v1/listening/totals?period=7_days&start=2025-12-04").get("rows").get(0);
            assertThat(page.evaluate("document.querySelector('[data-testid=period-listeners]').dataset.value").asText())
                    .isEqualTo(totals.get("listeners").asText()).isEqualTo("20");

            page.click("#period-previous");
            page.awaitView("?period=7_days&start=2025-11-27");
            assertThat(page.evaluate("document.querySelector('[data-testid=period-streams]').dataset.value").asText()).isEqualTo("0");

            page.click("[data-period=\"28_days\"]");
            page.awaitView("?period=28_days&start=2025-11-06");
            page.click("#period-next");
            page.awaitView("?period=28_days&start=2025-12-04");
            assertThat(page.evaluate("document.querySelector('[data-testid=period-listeners]').dataset.value").asText()).isEqualTo("20");
        }
        screenshot(page("period=28_days&start=2025-12-04"), 1280, 2400, "listening-28-days-1280.png");
    }

    /**
     * Every control is reached by Tab with a visible focus ring, the picker's buttons answer the
     * arrow keys, Enter and Space; an artist opens with Space from the keyboard; and the page's text
     * keeps WCAG AA contrast (4.5:1) against the background it is drawn on.
     */
    @Test
    void theKeyboardReachesAndOperatesEveryControlAndTheTextKeepsAaContrast() {
        try (DevToolsPage page = DevToolsPage.start(browserDir, 1280, 2000)) {
            page.open(page("period=week&start=2025-12-10"));
            page.awaitView("?period=week&start=2025-12-08");

            List<String> reached = new ArrayList<>();
            String describe = "(() => { const e = document.activeElement; const s = getComputedStyle(e);"
                    + " const ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;"
                    + " return (e.id || e.dataset.period || e.dataset.clock || (e.classList.contains('artist-link') ? 'artist' : e.tagName))"
                    + " + (ring ? '' : ' (no focus ring)'); })()";
            for (int i = 0; i < 40; i++) {
                page.press("Tab");
                String focused = page.evaluate(describe).asText();
                if (reached.isEmpty() || !reached.get(reached.size() - 1).equals(focused)) {
                    reached.add(focused);
                }
            }
            assertThat(reached).as("the tab order").containsSubsequence("refresh", "day", "7_days", "28_days", "week", "month", "year",
                    "all_time", "period-previous", "period-start", "period-next", "artist");
            // past the last control the focus leaves the page (the body): no control there to ring
            assertThat(reached).as("every focused control shows where the focus is")
                    .noneMatch(r -> r.endsWith("(no focus ring)") && !r.startsWith("BODY"));

            page.evaluate("document.querySelector('[data-period=day]').focus()");
            page.press("ArrowRight");
            assertThat(page.evaluate("document.activeElement.dataset.period").asText()).isEqualTo("7_days");
            page.press("Enter");
            page.awaitView("?period=7_days&start=2025-12-04");
            page.evaluate("document.querySelector('[data-period=week]').focus()");
            page.press("Space");
            // the week holding the range's last day
            page.awaitView("?period=week&start=2025-12-08");

            page.evaluate("document.querySelector('.artist-link').focus()");
            page.press("ArrowDown");
            String second = page.evaluate("document.activeElement.textContent").asText();
            assertThat(second).isEqualTo(page.evaluate("document.querySelectorAll('.artist-link')[1].textContent").asText());
            page.press("Space");
            page.awaitView("?period=week&start=2025-12-08&artist=" + URLEncoder.encode(second, StandardCharsets.UTF_8).replace("%20", "+"));
            assertThat(page.evaluate("document.querySelector('[data-testid=artist-name]').textContent").asText()).isEqualTo(second);

            JsonNode contrast = page.evaluate(CONTRAST_OF_TEXT);
            assertThat(contrast.size()).as("text elements measured").isGreaterThan(50);
            List<String> poor = new ArrayList<>();
            contrast.forEach(c -> {
                if (c.get("ratio").asDouble() < 4.5) {
                    poor.add(c.toString());
                }
            });
            assertThat(poor).as("text below 4.5:1").isEmpty();
        }
    }

    /**
     * Each visible text element's contrast (WCAG 2: relative luminance of its colour and of the
     * background it is drawn on, the nearest painted one below it, translucent shades laid over
     * white), as {selector, text, ratio}.
     */
    private static final String CONTRAST_OF_TEXT = """
            (() => {
              const rgba = text => (text.match(/[\\d.]+/g) || []).map(Number);
              const channel = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); };
              const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
              const over = (top, bottom) => { const a = top.length > 3 ? top[3] : 1; return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)); };
              const background = e => {
                const layers = [];
                for (let n = e; n; n = n.parentElement) {
                  const c = rgba(getComputedStyle(n).backgroundColor);
                  if (c.length > 3 && c[3] === 0) continue;
                  layers.push(c);
                  if (c.length === 3 || c[3] === 1) break;
                }
                return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255]);
              };
              const seen = [];
              document.querySelectorAll('body *').forEach(e => {
                const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
                if (!own || !e.getClientRects().length || e.closest('[hidden], dialog:not([open]), canvas')) return;
                const style = getComputedStyle(e);
                if (style.visibility === 'hidden') return;
                const fg = over(rgba(style.color), background(e));
                const [a, b] = [luminance(fg), luminance(background(e))].sort((x, y) => y - x);
                seen.push({ element: e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''),
                  text: e.textContent.trim().slice(0, 30), ratio: Math.round((a + 0.05) / (b + 0.05) * 100) / 100 });
              });
              return seen;
            })()""";

    private static void assertHeatmap(String dom, String clock) {
        String heatmap = element(dom, "table", "data-testid=\"heatmap\"");
        assertThat(attribute(heatmap, "table", "data-clock")).isEqualTo(clock);
        Set<String> expected = new HashSet<>();
        app.getJson("/api/v1/gold/activity_heatmap?limit=10000&clock=" + clock).get("rows").forEach(r ->
                expected.add(r.get("day_of_week").asText() + "|" + r.get("hour_of_day").asText() + "|" + r.get("events").asText()));
        Set<String> shown = new HashSet<>();
        Matcher cell = Pattern.compile("data-day=\"(\\d)\" data-hour=\"(\\d+)\" data-value=\"(\\d+)\"").matcher(heatmap);
        int cells = 0;
        while (cell.find()) {
            cells++;
            if (!cell.group(3).equals("0")) {
                shown.add(cell.group(1) + "|" + cell.group(2) + "|" + cell.group(3));
            }
        }
        assertThat(cells).isEqualTo(7 * 24);
        assertThat(expected).isNotEmpty();
        assertThat(shown).isEqualTo(expected);
    }

    /** The chart's bars are the minutes of listening_time's rows summed per {@code column}, most first, to a tenth. */
    private static void assertMinutesChart(String dom, String chartId, JsonNode time, String column) {
        Map<String, Long> byKey = new TreeMap<>();
        time.forEach(r -> byKey.merge(r.get(column).asText(), r.get("listened_ms").asLong(), Long::sum));
        List<Map.Entry<String, Long>> ordered = byKey.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey())).toList();
        String chart = element(dom, "canvas", "id=\"" + chartId + "\"");
        assertThat(attribute(chart, "canvas", "data-labels")).isEqualTo(String.join("|", ordered.stream().map(Map.Entry::getKey).toList()));
        assertThat(attribute(chart, "canvas", "data-series")).isEqualTo("Minutes streamed="
                + String.join(",", ordered.stream().map(e -> plain(minutes(e.getValue()))).toList()));
    }

    /** A table row as the dashboard shows it: rank, name, streams, plays, listeners, skip rate, playlist adds. */
    private static List<List<String>> expectedRows(JsonNode rows, Function<JsonNode, String> name) {
        NumberFormat integer = NumberFormat.getIntegerInstance(Locale.US);
        List<List<String>> expected = new ArrayList<>();
        for (int i = 0; i < Math.min(10, rows.size()); i++) {
            JsonNode row = rows.get(i);
            String skipRate = row.get("skip_rate").isNull() ? "–"
                    : row.get("skip_rate").decimalValue().movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
            expected.add(List.of(Integer.toString(i + 1), name.apply(row), integer.format(row.get("streams").asLong()),
                    integer.format(row.get("plays").asLong()), integer.format(row.get("listeners").asLong()), skipRate,
                    integer.format(row.get("playlist_adds").asLong())));
        }
        return expected;
    }

    private static BigDecimal minutes(long milliseconds) {
        return BigDecimal.valueOf(milliseconds).divide(BigDecimal.valueOf(60_000), 1, RoundingMode.HALF_UP);
    }

    /** A number as JavaScript writes it: no trailing zeros after the point. */
    private static String plain(BigDecimal number) {
        return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
    }

    private static List<String> column(JsonNode rows, Function<JsonNode, String> value) {
        return StreamSupport.stream(rows.spliterator(), false).map(value).toList();
    }

    private static String dataValue(String dom, String testId) {
        return attribute(element(dom, "span", "data-testid=\"" + testId + "\""), "span", "data-value");
    }

    private static void screenshot(String url, int width, int height, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path png = SCREENSHOTS.resolve(name);
        chromium.screenshot(url, width, height, png);
        assertThat(Files.size(png)).isGreaterThan(20_000);
    }

    /** The page at {@code ?query}, with the token in the fragment. */
    private static String page(String query) {
        return app.base() + "/?" + query + "#token=" + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8);
    }

    /**
     * The fixture's events carry no position in the track, so its skip curve would be empty: here each
     * skip gets one (0 to 179 s, fixed by its event id), which changes no count the other tests read.
     */
    private static String withSkipPosition(String line) {
        Matcher skip = Pattern.compile("\"event_id\": \"([^\"]+)\".*\"event_type\": \"skip\"").matcher(line);
        if (!skip.find()) {
            return line;
        }
        int seconds = Math.floorMod(skip.group(1).hashCode(), 180);
        return line.substring(0, line.lastIndexOf('}')) + ", \"position_ms\": " + seconds * 1000 + ", \"duration_ms\": 200000}";
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
