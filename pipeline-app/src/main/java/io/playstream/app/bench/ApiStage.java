package io.playstream.app.bench;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.playstream.PlaystreamException;
import io.playstream.app.http.ApiServer;
import io.playstream.app.http.DashboardSources;
import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.transform.RunSummary;
import io.playstream.transform.TransformOptions;
import io.playstream.transform.TransformRunner;
import io.playstream.warehouse.BronzeLoader;
import io.playstream.warehouse.Warehouse;
import io.playstream.warehouse.Warehouses;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gold API's latency on a warehouse of N events: the history written straight to bronze, loaded
 * into DuckDB and built by a full transform (both timed, not measured), then the API served over
 * HTTP as {@code run} serves it. Each endpoint the dashboard calls for a period is asked {@value
 * #REQUESTS} times a round, alternating with the reference, {@code GET /health} (no checks): the
 * same server, client and connection pool answering without the warehouse, so the ratio tells what
 * the gold read adds to a bare request. Figures are milliseconds, p95 of the round; p50 in the details.
 */
final class ApiStage {

    /** Requests per endpoint and round, each followed by one of the reference. */
    static final int REQUESTS = 40;
    private static final Pattern FIRST_ARTIST = Pattern.compile("\"artist_name\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Path project;
    private final long events;
    private final Path workDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiStage(Path project, long events, Path workDir) {
        this.project = project;
        this.events = events;
        this.workDir = workDir;
    }

    List<StageResult> run(int rounds, PrintWriter out) {
        createDirectories(workDir);
        Path database = workDir.resolve("api.duckdb");
        try (Warehouse warehouse = Warehouses.open("duckdb:" + database, Map.of())) {
            build(warehouse, out);
            DashboardSources sources = new DashboardSources(Optional.of(warehouse), Optional.empty(), Optional.empty(),
                    Optional.empty());
            try (ApiServer api = ApiServer.start(new ApiServer.Settings("127.0.0.1", 0, 1 << 16, Optional.empty()), null,
                    new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Map.of(), sources)) {
                String base = "http://127.0.0.1:" + api.port();
                Map<String, String> endpoints = endpoints(base);
                List<StageResult> results = new ArrayList<>();
                for (Map.Entry<String, String> endpoint : endpoints.entrySet()) {
                    results.add(measure(endpoint.getKey(), base + endpoint.getValue(), base + "/health", rounds));
                }
                return results;
            }
        }
    }

    /** The history to bronze, loaded and built by a full transform; says how long each took. */
    private void build(Warehouse warehouse, PrintWriter out) {
        Path store = workDir.resolve("api-bronze");
        long start = System.nanoTime();
        BenchData.writeHistory(new FileSystemObjectStore(store), events);
        double written = BenchData.seconds(start);
        start = System.nanoTime();
        new BronzeLoader(warehouse, new FileSystemObjectStore(store)).load();
        double loaded = BenchData.seconds(start);
        start = System.nanoTime();
        RunSummary summary = new TransformRunner(warehouse, line -> { })
                .run(TransformOptions.of(project).withTests(false).withTargetPath(workDir.resolve("dbt-target-api")));
        if (!summary.succeeded()) {
            throw PlaystreamException.permanent("the dbt project failed in the api stage", null);
        }
        out.printf(Locale.ROOT, "  api: %,d events written to bronze in %.1f s, loaded in %.1f s, full transform (no tests) in %.1f s%n",
                events, written, loaded, BenchData.seconds(start));
        out.flush();
    }

    /**
     * What the dashboard asks for a period, on the history's first week and month, trailing ranges
     * ending on its last day, and the top artist of all time for the artist view.
     */
    private Map<String, String> endpoints(String base) {
        LocalDate first = BenchData.HISTORY_START.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate last = BenchData.HISTORY_END.minusSeconds(1).atZone(ZoneOffset.UTC).toLocalDate();
        String week = "period=week&start=" + first;
        String month = "period=month&start=" + first;
        String days7 = "period=7_days&start=" + last.minusDays(6);
        String days28 = "period=28_days&start=" + last.minusDays(27);
        String artist = "&artist=" + URLEncoder.encode(topArtist(base), StandardCharsets.UTF_8);
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("gold top artists, week", "/api/v1/gold/top_artists_by_period?" + week + "&order=-streams,-plays&limit=10");
        endpoints.put("gold top songs, month", "/api/v1/gold/top_songs_by_period?" + month + "&order=-streams,-plays&limit=10");
        endpoints.put("listening totals, week", "/api/v1/listening/totals?" + week);
        endpoints.put("listening totals, 28 days", "/api/v1/listening/totals?" + days28);
        endpoints.put("listening totals, all time", "/api/v1/listening/totals?period=all_time");
        endpoints.put("minutes by country, month", "/api/v1/listening/minutes?" + month + "&by=country");
        endpoints.put("minutes by device, 7 days", "/api/v1/listening/minutes?" + days7 + "&by=device");
        endpoints.put("artists, 7 days", "/api/v1/listening/artists?" + days7);
        endpoints.put("artists, 28 days", "/api/v1/listening/artists?" + days28);
        endpoints.put("artist songs, 7 days", "/api/v1/listening/songs?" + days7 + artist);
        endpoints.put("artist countries, month", "/api/v1/listening/artist_countries?" + month + artist);
        endpoints.put("artist hours, all time", "/api/v1/listening/artist_hours?period=all_time" + artist);
        endpoints.put("heatmap (all time)", "/api/v1/gold/activity_heatmap?limit=400");
        endpoints.put("retention (all time)", "/api/v1/gold/retention_cohorts?order=cohort_week,week_number&limit=1000");
        endpoints.put("segments", "/api/v1/gold/listener_segments?order=segment_date&limit=1000");
        endpoints.put("skip curve (all time)", "/api/v1/gold/skip_curve?device_type=all&order=bucket_start_seconds");
        return endpoints;
    }

    private String topArtist(String base) {
        String body = get(base + "/api/v1/listening/artists?period=all_time&limit=1");
        Matcher matcher = FIRST_ARTIST.matcher(body);
        if (!matcher.find()) {
            throw PlaystreamException.permanent("the api stage's warehouse has no artist: " + body, null);
        }
        return matcher.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
    }

    private StageResult measure(String name, String url, String referenceUrl, int rounds) {
        for (int i = 0; i < 5; i++) { // warm-up: connections, JIT, the warehouse's caches
            get(url);
            get(referenceUrl);
        }
        List<RoundFigure> figures = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            MemoryProbe.reset();
            double[] ours = new double[REQUESTS];
            double[] reference = new double[REQUESTS];
            for (int i = 0; i < REQUESTS; i++) {
                ours[i] = timedMillis(url);
                reference[i] = timedMillis(referenceUrl);
            }
            figures.add(RoundFigure.of(round, percentile(ours, 95), percentile(reference, 95), MemoryProbe.read(),
                    Map.of("p50 ms", percentile(ours, 50), "reference p50 ms", percentile(reference, 50),
                            "max ms", percentile(ours, 100))));
        }
        return new StageResult("api " + name, "ms", "p95 of " + url.replaceFirst("^http://[^/]+", ""),
                "p95 of GET /health (no warehouse)", figures, null);
    }

    private static void createDirectories(Path dir) {
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (IOException e) {
            throw PlaystreamException.permanent("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    private double timedMillis(String url) {
        long start = System.nanoTime();
        get(url);
        return Math.max(1e-3, (System.nanoTime() - start) / 1e6);
    }

    /** Nearest-rank percentile. */
    static double percentile(double[] values, int percent) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private String get(String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw PlaystreamException.permanent("GET " + url + " answered " + response.statusCode() + ": " + response.body(), null);
            }
            return response.body();
        } catch (IOException e) {
            throw PlaystreamException.permanent("GET " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PlaystreamException.permanent("interrupted", e);
        }
    }
}
