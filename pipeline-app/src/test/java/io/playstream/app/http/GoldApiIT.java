package io.playstream.app.http;

import static io.playstream.app.http.GoldApp.json;
import static io.playstream.app.http.GoldApp.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.playstream.partition.TopicNames;
import io.playstream.stream.EventPublisher;
import io.playstream.stream.KafkaSettings;
import io.playstream.stream.PublisherConfig;
import io.playstream.testing.Await;
import io.playstream.testing.EventBuilder;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gold API over real HTTP on the real app: the 710 fixture events loaded and transformed into a
 * DuckDB warehouse by a pipeline run, then read page by page, filtered, ordered, as JSON and CSV.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GoldApiIT {

    private static final String TOKEN = "gold-token-" + UUID.randomUUID();

    @TempDir
    static Path dataDir;

    private static GoldApp app;

    @BeforeAll
    static void buildGold() {
        app = GoldApp.startWithGold(dataDir, TOKEN);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void topSongsHoldTheFixtureCountsWithBlindingLightsFirst() {
        JsonNode page = app.getJson("/api/v1/gold/top_songs");

        assertThat(page.get("table").asText()).isEqualTo("top_songs");
        assertThat(names(page.get("columns"))).startsWith("song_id", "song_name", "artist_name", "plays")
                .contains("skip_rate", "unique_listeners", "rank");
        assertThat(page.get("limit").asInt()).isEqualTo(100);
        assertThat(page.get("offset").asLong()).isZero();
        assertThat(page.get("next_offset").isNull()).isTrue();
        JsonNode rows = page.get("rows");
        assertThat(rows).hasSize(6);
        JsonNode first = rows.get(0);
        assertThat(first.get("rank").asInt()).isEqualTo(1);
        assertThat(first.get("song_name").asText()).isEqualTo("Blinding Lights");
        assertThat(first.get("plays").asLong()).isEqualTo(34);
        assertThat(first.get("skip_rate").decimalValue()).isEqualByComparingTo("0.4848");
        assertThat(sum(rows, "plays")).isEqualTo(176);
        assertThat(sum(rows, "skips")).isEqualTo(174);
        assertThat(sum(rows, "pauses")).isEqualTo(174);
        assertThat(sum(rows, "playlist_adds")).isEqualTo(186);
    }

    @Test
    void pagesFollowNextOffsetAndCoverEveryRowOnce() {
        JsonNode middle = app.getJson("/api/v1/gold/top_songs?limit=2&offset=2");
        assertThat(middle.get("rows").findValuesAsText("rank")).containsExactly("3", "4");
        assertThat(middle.get("next_offset").asLong()).isEqualTo(4);

        List<String> keys = new ArrayList<>();
        Set<String> listeners = new HashSet<>();
        long offset = 0;
        int pages = 0;
        while (offset >= 0) {
            JsonNode page = app.getJson("/api/v1/gold/user_engagement?limit=37&offset=" + offset);
            for (JsonNode row : page.get("rows")) {
                keys.add(row.get("user_id").asText() + "|" + row.get("event_date").asText() + "|"
                        + row.get("device_type").asText() + "|" + row.get("country").asText());
                listeners.add(row.get("user_id").asText());
            }
            offset = page.get("next_offset").isNull() ? -1 : page.get("next_offset").asLong();
            pages++;
        }
        assertThat(pages).isGreaterThan(1);
        assertThat(keys).doesNotHaveDuplicates();
        assertThat(listeners).hasSize(20);
        assertThat(keys).hasSize(app.getJson("/api/v1/gold/user_engagement?limit=10000").get("rows").size());
    }

    @Test
    void equalityFiltersBindTheirValuesAsTheColumnsType() {
        JsonNode uk = app.getJson("/api/v1/gold/engagement_by_country?country=UK");
        JsonNode byPlays = app.getJson("/api/v1/gold/top_songs?plays=34");
        JsonNode hourlyPlays = app.getJson("/api/v1/gold/event_type_distribution?period_grain=hour&event_type=play");
        JsonNode injected = app.getJson("/api/v1/gold/engagement_by_country?country=" + encode("UK' or '1'='1"));

        assertThat(uk.get("rows")).hasSize(1);
        assertThat(uk.get("rows").get(0).get("plays").asLong()).isEqualTo(35);
        assertThat(byPlays.get("rows").findValuesAsText("song_name")).containsExactly("Blinding Lights");
        assertThat(sum(hourlyPlays.get("rows"), "event_count")).isEqualTo(176);
        assertThat(injected.get("rows")).isEmpty();
    }

    /**
     * The fixture's hour (Wednesday 2025-12-10) by period: any day of a week names the week from
     * its Monday, a month from its 1st; each period's rows hold every play, as top_songs does.
     */
    @Test
    void periodAndStartPickOnePeriodOfAPeriodMart() {
        JsonNode week = app.getJson("/api/v1/gold/top_songs_by_period?period=week&start=2025-12-12&order=-plays");
        JsonNode month = app.getJson("/api/v1/gold/top_artists_by_period?period=month&start=2025-12-10");
        JsonNode allTime = app.getJson("/api/v1/gold/listening_time?period=all_time&limit=10000");
        JsonNode otherWeek = app.getJson("/api/v1/gold/top_songs_by_period?period=week&start=2025-12-15");

        assertThat(week.get("rows").findValuesAsText("period_grain")).hasSize(6).containsOnly("week");
        assertThat(week.get("rows").findValuesAsText("period_start_date")).containsOnly("2025-12-08");
        assertThat(week.get("rows").get(0).get("song_name").asText()).isEqualTo("Blinding Lights");
        assertThat(sum(week.get("rows"), "plays")).isEqualTo(176);
        assertThat(month.get("rows").findValuesAsText("period_start_date")).isNotEmpty().containsOnly("2025-12-01");
        assertThat(sum(month.get("rows"), "plays")).isEqualTo(176);
        assertThat(allTime.get("rows").findValuesAsText("period_grain")).containsOnly("all_time");
        assertThat(sum(allTime.get("rows"), "plays")).isEqualTo(176);
        assertThat(otherWeek.get("rows")).isEmpty();
        assertBadRequest("/api/v1/gold/top_songs_by_period?period=fortnight", "accepted: day, week, month, year, all_time");
        assertBadRequest("/api/v1/gold/top_songs_by_period?period=week&start=10.12.2025", "a day as YYYY-MM-DD");
        assertBadRequest("/api/v1/gold/top_songs_by_period?start=2025-12-10", "start needs a period");
        assertBadRequest("/api/v1/gold/top_songs_by_period?period=all_time&start=2025-12-10", "takes no start");
        assertBadRequest("/api/v1/gold/top_songs?period=week", "has no periods");
    }

    /** The dashboard's artist view: one artist's songs of a period, and the artist's periods of one grain in date order. */
    @Test
    void aPeriodAndAColumnFilterTogetherGiveOneArtistsSongsAndTimeline() {
        JsonNode songs = app.getJson("/api/v1/gold/top_songs_by_period?period=month&start=2025-12-31&artist_name=" + encode("The Weeknd")
                + "&order=-streams,-plays");
        JsonNode days = app.getJson("/api/v1/gold/top_artists_by_period?period=day&artist_name=" + encode("The Weeknd")
                + "&order=period_start_date");

        assertThat(songs.get("rows").findValuesAsText("artist_name")).isNotEmpty().containsOnly("The Weeknd");
        assertThat(songs.get("rows").findValuesAsText("period_start_date")).containsOnly("2025-12-01");
        assertThat(songs.get("rows").findValuesAsText("song_name")).contains("Blinding Lights");
        assertThat(days.get("rows").findValuesAsText("period_start_date")).containsExactly("2025-12-10");
        assertThat(days.get("rows").get(0).get("plays").asLong()).isEqualTo(sum(songs.get("rows"), "plays"));
        assertBadRequest("/api/v1/gold/top_artists_by_period?period=day&artist=x", "has no column 'artist'");
    }

    /**
     * The listening views sum in the warehouse what the page summed from mart rows: a period's
     * totals and minutes per country equal the sums of its listening_time rows; a trailing 7 days
     * holding the fixture's one day ranks artists and songs as that day's mart rows do (its
     * listeners counted from the day aggregates); an artist's countries and hours add up to its plays.
     */
    @Test
    void listeningViewsSumPeriodsTrailingRangesAndAnArtistsCountriesAndHours() {
        JsonNode weekRows = app.getJson("/api/v1/gold/listening_time?period=week&start=2025-12-10&limit=10000").get("rows");
        JsonNode totals = app.getJson("/api/v1/listening/totals?period=week&start=2025-12-10").get("rows").get(0);
        JsonNode trailing = app.getJson("/api/v1/listening/totals?period=7_days&start=2025-12-04");
        JsonNode countries = app.getJson("/api/v1/listening/minutes?period=month&start=2025-12-01&by=country").get("rows");
        JsonNode devices = app.getJson("/api/v1/listening/minutes?period=28_days&start=2025-11-20&by=device").get("rows");
        JsonNode dayArtists = app.getJson("/api/v1/gold/top_artists_by_period?period=day&start=2025-12-10&order=-streams,-plays,artist_name&limit=10");
        JsonNode weekArtists = app.getJson("/api/v1/listening/artists?period=7_days&start=2025-12-10");
        JsonNode weekSongs = app.getJson("/api/v1/listening/songs?period=7_days&start=2025-12-07&artist=" + encode("The Weeknd"));
        JsonNode weeknd = app.getJson("/api/v1/gold/top_artists_by_period?period=all_time&artist_name=" + encode("The Weeknd")).get("rows").get(0);
        JsonNode artistCountries = app.getJson("/api/v1/listening/artist_countries?period=all&artist=" + encode("The Weeknd")).get("rows");
        JsonNode artistHours = app.getJson("/api/v1/listening/artist_hours?period=day&start=2025-12-10&artist=" + encode("The Weeknd")).get("rows");

        assertThat(totals.get("plays").asLong()).isEqualTo(sum(weekRows, "plays")).isEqualTo(176);
        assertThat(totals.get("streams").asLong()).isEqualTo(sum(weekRows, "streams"));
        assertThat(totals.get("listened_ms").asLong()).isEqualTo(sum(weekRows, "listened_ms"));
        assertThat(totals.get("listeners").asLong()).isEqualTo(weekRows.findValuesAsText("user_id").stream().distinct().count());
        assertThat(trailing.get("first_day").asText()).isEqualTo("2025-12-04");
        assertThat(trailing.get("last_day").asText()).isEqualTo("2025-12-10");
        assertThat(trailing.get("rows").get(0)).isEqualTo(totals);
        assertThat(app.getJson("/api/v1/listening/totals?period=7_days&start=2025-12-11").get("rows").get(0).get("plays").asLong()).isZero();
        for (JsonNode country : countries) {
            List<JsonNode> ofCountry = StreamSupport.stream(weekRows.spliterator(), false)
                    .filter(r -> r.get("country").asText().equals(country.get("name").asText())).toList();
            assertThat(country.get("listened_ms").asLong()).isEqualTo(ofCountry.stream().mapToLong(r -> r.get("listened_ms").asLong()).sum());
            assertThat(country.get("listeners").asLong()).isEqualTo(ofCountry.stream().map(r -> r.get("user_id").asText()).distinct().count());
        }
        assertThat(countries.findValuesAsText("name")).containsExactlyInAnyOrderElementsOf(
                weekRows.findValuesAsText("country").stream().distinct().toList());
        assertThat(sum(devices, "listeners")).isGreaterThanOrEqualTo(totals.get("listeners").asLong());
        assertThat(weekArtists.get("rows").findValuesAsText("artist_name")).containsExactlyElementsOf(
                dayArtists.get("rows").findValuesAsText("artist_name"));
        for (String column : List.of("plays", "streams", "listeners", "skips", "early_skips", "playlist_adds")) {
            assertThat(weekArtists.get("rows").findValuesAsText(column)).as(column)
                    .containsExactlyElementsOf(dayArtists.get("rows").findValuesAsText(column));
        }
        assertThat(weekArtists.get("rows").get(0).get("skip_rate").decimalValue())
                .isEqualByComparingTo(dayArtists.get("rows").get(0).get("skip_rate").decimalValue());
        assertThat(weekSongs.get("rows").findValuesAsText("artist_name")).isNotEmpty().containsOnly("The Weeknd");
        assertThat(sum(weekSongs.get("rows"), "plays")).isEqualTo(weeknd.get("plays").asLong());
        assertThat(sum(artistCountries, "plays")).isEqualTo(weeknd.get("plays").asLong());
        assertThat(artistCountries.findValuesAsText("listeners").stream().mapToLong(Long::parseLong).max().orElseThrow())
                .isLessThanOrEqualTo(weeknd.get("listeners").asLong());
        assertThat(artistHours.findValuesAsText("name")).containsExactly("15");
        assertThat(artistHours.get(0).get("listeners").asLong()).isEqualTo(weeknd.get("listeners").asLong());
        assertBadRequest("/api/v1/listening/totals?period=fortnight", "accepted: day, week, month, year, all_time, 7_days, 28_days");
        assertBadRequest("/api/v1/listening/totals?period=7_days", "needs a start day");
        assertBadRequest("/api/v1/listening/minutes?period=all", "by=country or by=device");
        assertBadRequest("/api/v1/listening/artist_hours?period=all", "needs artist=");
        assertThat(send(app.request("/api/v1/listening/nope?period=all").build()).statusCode()).isEqualTo(404);
    }

    @Test
    void orderTakesRealColumnsAscendingOrWithAMinusDescending() {
        JsonNode descending = app.getJson("/api/v1/gold/engagement_by_country?order=-plays");
        JsonNode ascending = app.getJson("/api/v1/gold/engagement_by_country?order=plays,country");

        assertThat(descending.get("rows").findValuesAsText("country")).startsWith("UK", "IN", "US", "CA");
        assertThat(ascending.get("rows").findValuesAsText("plays")).containsExactly("26", "26", "27", "28", "34", "35");
        assertThat(ascending.get("rows").findValuesAsText("country").subList(0, 2)).containsExactly("AU", "DE");
    }

    @Test
    void csvIsServedForTheAcceptHeaderOrFormatParameter() {
        HttpResponse<String> accepted = send(app.request("/api/v1/gold/engagement_by_country?order=country").header("Accept", "text/csv").build());
        HttpResponse<String> parameter = send(app.request("/api/v1/gold/top_songs?format=csv&limit=2").build());

        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        String[] lines = accepted.body().split("\r\n");
        assertThat(lines[0]).startsWith("country,events,plays,skips,pauses,playlist_adds,unique_users");
        assertThat(lines).hasSize(7);
        assertThat(lines[1]).startsWith("AU,");
        assertThat(accepted.body()).endsWith("\r\n").doesNotContain("\n\n");
        assertThat(parameter.body().split("\r\n")).hasSize(3);
        assertThat(parameter.body().split("\r\n")[1]).contains("Blinding Lights");
        assertThat(parameter.headers().firstValue("X-Next-Offset")).hasValue("2");
    }

    @Test
    void anUnknownTableIs404JsonNamingTheTables() {
        for (String table : List.of("secret", "stg_events", "top_songs%3Bdrop", "..%2Fbronze")) {
            HttpResponse<String> response = send(app.request("/api/v1/gold/" + table).build());
            assertThat(response.statusCode()).as(table).isEqualTo(404);
            assertThat(json(response).get("error").asText()).isEqualTo("not_found");
        }
        assertThat(json(send(app.request("/api/v1/gold/secret").build())).get("reason").asText()).contains("top_songs, user_engagement");
        assertThat(app.getJson("/api/v1/gold").get("tables")).hasSize(GoldTable.values().length);
    }

    @Test
    void badColumnsLimitsAndValuesAre400WithAReason() {
        assertBadRequest("/api/v1/gold/top_songs?password=x", "has no column 'password'");
        assertBadRequest("/api/v1/gold/top_songs?order=plays;drop", "has no column 'plays?drop'");
        assertBadRequest("/api/v1/gold/top_songs?order=nope", "has no column 'nope'");
        assertBadRequest("/api/v1/gold/top_songs?limit=0", "accepted: a whole number from 1 to 10000");
        assertBadRequest("/api/v1/gold/top_songs?limit=10001", "accepted: a whole number from 1 to 10000");
        assertBadRequest("/api/v1/gold/top_songs?offset=-1", "offset");
        assertBadRequest("/api/v1/gold/top_songs?plays=many", "filter plays = 'many' is not a valid");
        assertBadRequest("/api/v1/gold/top_songs?format=xml", "accepted: json, csv");
        assertBadRequest("/api/v1/gold/top_songs?country=UK&country=US", "at most once");
    }

    @Test
    void theTokenIsRequiredForGoldAndStatusButNotForThePage() {
        HttpRequest.Builder bare = HttpRequest.newBuilder(URI.create(app.base() + "/api/v1/gold/top_songs"));

        assertThat(send(bare.build()).statusCode()).isEqualTo(401);
        assertThat(send(bare.copy().header("Authorization", "Bearer wrong").build()).statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(URI.create(app.base() + "/api/v1/pipeline/status")).build()).statusCode()).isEqualTo(401);
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(app.base() + "/")).build());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Playstream dashboard</title>");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(p -> assertThat(p).contains("script-src 'self'"));
        HttpResponse<String> chartJs = send(HttpRequest.newBuilder(URI.create(app.base() + "/vendor/chart.umd.js")).build());
        assertThat(chartJs.statusCode()).isEqualTo(200);
        assertThat(chartJs.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        assertThat(chartJs.body()).contains("Chart.js v4");
    }

    @Test
    void pipelineStatusReportsTheLoadTheTransformAndTheJobsDashboard() {
        JsonNode status = app.getJson("/api/v1/pipeline/status");

        assertThat(status.get("last_load").get("rows").asLong()).isEqualTo(710);
        for (JsonNode time : List.of(status.get("generated_at"), status.get("last_load").get("loaded_at"),
                status.get("latest_event_at"), status.get("last_transform").get("finished_at"))) {
            // every time of the status is an ISO-8601 instant in UTC, with its Z
            assertThat(time.asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?Z");
            assertThat(Instant.parse(time.asText())).isNotNull();
        }
        assertThat(status.get("rows").get("bronze").asLong()).isEqualTo(710);
        assertThat(status.get("rows").get("silver").asLong()).isEqualTo(710);
        assertThat(status.get("rows").get("gold").get("top_songs").asLong()).isEqualTo(6);
        assertThat(status.get("rows").get("gold_events").asLong()).isEqualTo(710);
        assertThat(status.get("rows").get("quarantine_by_reason").isObject()).isTrue();
        assertThat(status.get("rows").get("quarantine_by_reason").size()).as("the fixture has no duplicates").isZero();
        assertThat(status.get("rejected_lines").asLong()).isZero();
        assertThat(status.get("last_transform").get("status").asText()).isEqualTo("success");
        assertThat(status.get("last_transform").get("nodes").asInt()).isPositive();
        assertThat(status.get("stream").get("dead_letters").asLong()).isZero();
        assertThat(status.get("jobs_dashboard").get("port").asInt()).isEqualTo(app.jobsDashboardPort().orElseThrow());
    }

    /** Last: the events it sends reach bronze and silver, whose counts the other tests hold to the fixture's 710. */
    @Test
    @Order(Integer.MAX_VALUE)
    void metricsShowTheSinksCountersAndItsPartitionsEvenAfterAGarbageCollection() {
        int sent = 20;
        try (EventPublisher publisher = new EventPublisher(KafkaSettings.of(app.kafkaBootstrapServers()),
                PublisherConfig.defaults(TopicNames.DEFAULT_TOPIC))) {
            publisher.publish(Stream.generate(() -> EventBuilder.anEvent().build()).limit(sent).iterator());
        }
        Await.await(Duration.ofSeconds(60), () -> app.getJson("/api/v1/pipeline/status").get("stream"),
                stream -> stream.get("records_in").asLong() == sent && stream.get("assigned_partitions").asInt() == 3);

        // a collection may come at any time in production: the meters must still read the live sink after one
        System.gc();
        String metrics = send(app.request("/metrics").build()).body();

        assertThat(metrics).contains("playstream_sink_records_in_total " + sent + ".0", "playstream_sink_bronze_lines_total",
                "playstream_sink_assigned_partitions 3.0", "playstream_sink_dead_letters_total 0.0",
                "playstream_sink_flush_failures_total 0.0", "playstream_sink_lag_records");
        assertThat(metrics.lines().filter(line -> line.startsWith("playstream_sink_"))).noneMatch(line -> line.endsWith("NaN"));
    }

    private static void assertBadRequest(String path, String reason) {
        HttpResponse<String> response = send(app.request(path).build());
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        assertThat(json(response).get("reason").asText()).as(path).contains(reason);
    }

    private static List<String> names(JsonNode columns) {
        return StreamSupport.stream(columns.spliterator(), false).map(c -> c.get("name").asText()).toList();
    }

    private static long sum(JsonNode rows, String column) {
        return StreamSupport.stream(rows.spliterator(), false).mapToLong(r -> r.get(column).asLong()).sum();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
