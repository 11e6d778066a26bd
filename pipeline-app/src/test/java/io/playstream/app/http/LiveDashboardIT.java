package io.playstream.app.http;

import static io.playstream.app.http.DashboardDom.attribute;
import static io.playstream.app.http.DashboardDom.headline;
import static io.playstream.app.http.DashboardDom.healthValue;
import static io.playstream.app.http.DashboardDom.text;
import static io.playstream.app.run.SimulatedRun.goldCompleteThrough;
import static io.playstream.app.run.SimulatedRun.status;
import static io.playstream.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.playstream.app.run.AppServices;
import io.playstream.app.run.SimulatedRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in headless Chromium against {@code run} in continuous mode with its simulator
 * sending events: loaded at two moments, the page shows more events in gold, more bronze rows and a
 * later "complete through" time, with no schedule and no button pressed. Screenshots of both moments
 * are left in {@code target/dashboard-screenshots/}.
 */
class LiveDashboardIT {

    private static final int EVENTS_PER_SECOND = 300;
    /** Generous: a deadline for a slow shared machine, not a measure of speed. */
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
    private static final Pattern WATERMARK_LINE = Pattern.compile("complete through (\\d{2}:\\d{2}:\\d{2}) UTC, \\d+ s ago");

    @TempDir
    Path dataDir;
    @TempDir
    Path browserDir;

    @Test
    void whileEventsFlowTheHeadlineNumbersAndTheWatermarkMoveForward() throws IOException {
        assumeTrue(HeadlessChromium.isInstalled(), "browser test skipped: " + HeadlessChromium.EXECUTABLE
                + " is not installed (apt-get install -y chromium)");
        HeadlessChromium chromium = new HeadlessChromium(browserDir);
        Files.createDirectories(SCREENSHOTS);
        Instant runStarted = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (AppServices app = AppServices.start(SimulatedRun.config(dataDir, EVENTS_PER_SECOND), Map.of())) {
            String base = SimulatedRun.base(app);
            // the page has something to show once the first micro-batch's transform built gold
            Moment first = await(PATIENCE, () -> Moment.read(chromium, base), Moment::showsGoldAndWatermark);
            chromium.screenshot(base + "/", 1280, 4300, SCREENSHOTS.resolve("live-dashboard-1-first.png"));
            Moment later = await(PATIENCE, () -> Moment.read(chromium, base), m -> m.showsGoldAndWatermark()
                    && m.goldEvents > first.goldEvents && m.bronzeRows > first.bronzeRows && m.completeThrough.isAfter(first.completeThrough));
            chromium.screenshot(base + "/", 1280, 4300, SCREENSHOTS.resolve("live-dashboard-2-later.png"));

            // the watermark is this run's: the sink's catch-up times and the events' times are all of
            // this run (late events aside, which never hold the watermark), so it is neither older than
            // the run's start nor later than the moment the page was read
            assertThat(first.completeThrough).isBetween(runStarted, first.readBy);
            assertThat(later.completeThrough).isBetween(first.completeThrough, later.readBy);
            assertThat(later.goldEvents).isGreaterThan(first.goldEvents);
            assertThat(later.bronzeRows).isGreaterThan(first.bronzeRows);
        }
    }

    /**
     * What the page showed once its scripts ran: its state, the headline's events, bronze rows and
     * the watermark line; the figures are -1 and the time null while the page does not show them
     * (before the first transform finished it says which gold table is not built yet).
     */
    private record Moment(String state, String banner, long goldEvents, long bronzeRows, String watermarkLine,
                          Instant completeThrough, Instant readBy) {

        static Moment read(HeadlessChromium chromium, String base) {
            String dom = chromium.dumpDom(base + "/");
            Instant readBy = Instant.now();
            String state = attribute(dom, "body", "data-state");
            String line = text(dom, "complete-through");
            Matcher time = WATERMARK_LINE.matcher(line);
            Instant through = time.matches() ? onTheDayBefore(LocalTime.parse(time.group(1)), readBy) : null;
            if (!"ready".equals(state)) {
                return new Moment(state, errorBanner(dom), -1, -1, line, through, readBy);
            }
            return new Moment(state, "", Long.parseLong(headline(dom, "events")), Long.parseLong(healthValue(dom, "bronze-rows")), line,
                    through, readBy);
        }

        boolean showsGoldAndWatermark() {
            return "ready".equals(state) && goldEvents > 0 && completeThrough != null;
        }

        private static String errorBanner(String dom) {
            Matcher banner = Pattern.compile("<div id=\"error\"[^>]*>([^<]*)<").matcher(dom);
            return banner.find() ? banner.group(1) : "";
        }

        /** The line shows only a UTC time of day: the latest instant with that time no later than {@code readBy}. */
        private static Instant onTheDayBefore(LocalTime timeOfDay, Instant readBy) {
            Instant sameDay = readBy.atZone(ZoneOffset.UTC).with(timeOfDay).toInstant();
            return sameDay.isAfter(readBy) ? sameDay.minus(Duration.ofDays(1)) : sameDay;
        }

        @Override
        public String toString() {
            return state + " " + banner + ": events in gold " + goldEvents + ", bronze rows " + bronzeRows + ", \"" + watermarkLine + "\"";
        }
    }
}
