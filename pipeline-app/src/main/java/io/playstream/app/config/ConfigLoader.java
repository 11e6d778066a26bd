package io.playstream.app.config;

import io.playstream.partition.TopicNames;
import io.playstream.stream.GroupMembership;
import io.playstream.warehouse.LoaderSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the one {@link PlaystreamConfig} of a process. Precedence, lowest first: defaults, the
 * config file, {@code .env} in the working folder, the real environment (which wins over
 * {@code .env}, as with python-dotenv), command-line options. Invalid values fail with every
 * problem listed, each naming its key, where it was set and what is accepted.
 */
public final class ConfigLoader {

    public static final String ENV_PREFIX = "PLAYSTREAM_";

    private static final Map<String, String> DEFAULTS = defaults();

    private ConfigLoader() {
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("data-dir", PlaystreamConfig.DEFAULT_DATA_DIR);
        d.put("kafka.bootstrap-servers", PlaystreamConfig.DEFAULT_KAFKA_BOOTSTRAP_SERVERS);
        d.put("kafka.topic", PlaystreamConfig.DEFAULT_KAFKA_TOPIC);
        d.put("kafka.partitions", String.valueOf(PlaystreamConfig.DEFAULT_KAFKA_PARTITIONS));
        d.put("store", ""); // empty: file:<data-dir>/bucket
        d.put("warehouse", ""); // empty: duckdb:<data-dir>/warehouse.duckdb
        d.put("http.host", PlaystreamConfig.DEFAULT_HTTP_HOST);
        d.put("http.port", String.valueOf(PlaystreamConfig.DEFAULT_HTTP_PORT));
        d.put("http.max-body-bytes", String.valueOf(PlaystreamConfig.DEFAULT_HTTP_MAX_BODY_BYTES));
        d.put("jobs.host", PlaystreamConfig.DEFAULT_JOBS_HOST);
        d.put("jobs.port", String.valueOf(PlaystreamConfig.DEFAULT_JOBS_PORT));
        d.put("jobs.allow-unauthenticated-dashboard", "false");
        d.put("jobs.storage", PlaystreamConfig.DEFAULT_JOBS_STORAGE);
        d.put("jobs.workers", String.valueOf(PlaystreamConfig.DEFAULT_JOBS_WORKERS));
        d.put("jobs.retries", String.valueOf(PlaystreamConfig.DEFAULT_JOBS_RETRIES));
        d.put("schedule.load", PlaystreamConfig.DEFAULT_SCHEDULE_LOAD);
        d.put("sink.flush-records", String.valueOf(PlaystreamConfig.DEFAULT_SINK_FLUSH_RECORDS));
        d.put("sink.flush-bytes", String.valueOf(PlaystreamConfig.DEFAULT_SINK_FLUSH_BYTES));
        d.put("sink.flush-age", ""); // empty: PT1S in continuous mode, PT60S in scheduled mode
        d.put("sink.instance-id", ""); // empty: <host>-sink-<n> (SinkMemberId)
        d.put("sink.session-timeout", GroupMembership.DEFAULT_STATIC_SESSION_TIMEOUT.toString());
        d.put("pipeline.mode", PlaystreamConfig.DEFAULT_PIPELINE_MODE.key());
        d.put("pipeline.tick", PlaystreamConfig.DEFAULT_PIPELINE_TICK.toString());
        d.put("pipeline.tests-every", PlaystreamConfig.DEFAULT_PIPELINE_TESTS_EVERY.toString());
        d.put("simulate.rate", String.valueOf(PlaystreamConfig.DEFAULT_SIMULATE_RATE));
        d.put("load.keep-raw", String.valueOf(LoaderSettings.DEFAULT_KEEP_RAW));
        return java.util.Collections.unmodifiableMap(d);
    }

    /** The environment variable that overrides {@code key}: {@code http.port} -> {@code PLAYSTREAM_HTTP_PORT}. */
    public static String environmentName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * @param file        the {@code --config} file, if given
     * @param workingDir  where {@code .env} is looked for
     * @param environment the process environment ({@code System.getenv()})
     * @param options     command-line options by config key (e.g. {@code http.port -> 9090})
     */
    public static PlaystreamConfig load(Optional<Path> file, Path workingDir, Map<String, String> environment,
                                        Map<String, String> options) {
        Map<String, RawSettings.Value> values = new LinkedHashMap<>();
        DEFAULTS.forEach((key, text) -> values.put(key, new RawSettings.Value(text, "default")));
        RawSettings raw = new RawSettings(values);
        file.ifPresent(path -> ConfigFile.read(path).forEach((key, text) -> {
            if (DEFAULTS.containsKey(key)) {
                values.put(key, new RawSettings.Value(text, path.getFileName().toString()));
            } else {
                raw.unknownKey(key, path.getFileName().toString(), DEFAULTS.keySet());
            }
        }));
        Map<String, String> merged = new HashMap<>(DotEnv.read(workingDir.resolve(".env")));
        merged.putAll(environment);
        DEFAULTS.keySet().forEach(key -> {
            String name = environmentName(key);
            if (merged.containsKey(name)) {
                values.put(key, new RawSettings.Value(merged.get(name), environment.containsKey(name) ? name : ".env " + name));
            }
        });
        options.forEach((key, text) -> values.put(key, new RawSettings.Value(text, "--" + key)));
        return build(raw, Secrets.from(merged));
    }

    private static PlaystreamConfig build(RawSettings raw, Secrets secrets) {
        Path dataDir = Path.of(raw.nonBlank("data-dir", "a folder path")).toAbsolutePath().normalize();
        String topic = raw.text("kafka.topic");
        if (!TopicNames.isValid(topic)) {
            raw.problem("kafka.topic", "a Kafka topic name: letters, digits, '.', '_', '-', at most 249 characters");
        }
        String store = raw.text("store").isEmpty() ? "file:" + dataDir.resolve("bucket")
                : raw.oneOf("store", "file:/absolute/folder or s3://bucket[/prefix]?endpoint=http://host:port", "file:/", "s3://");
        String warehouse = raw.text("warehouse").isEmpty() ? "duckdb:" + dataDir.resolve("warehouse.duckdb")
                : raw.oneOf("warehouse", "duckdb:/path/file.duckdb, jdbc:postgresql://..., jdbc:snowflake://...",
                        "duckdb:", "jdbc:postgresql:", "jdbc:snowflake:");
        String schedule = raw.schedule("schedule.load");
        PlaystreamConfig.PipelineMode mode = pipelineMode(raw);
        raw.refuseEmbeddedPassword("jobs.storage", Secrets.JOBS_STORAGE_PASSWORD);
        refuseOpenJobsDashboard(raw, secrets);
        raw.refuseEmbeddedPassword("warehouse", Secrets.WAREHOUSE_PASSWORD);
        PlaystreamConfig config = new PlaystreamConfig(
                dataDir,
                raw.text("kafka.bootstrap-servers"),
                topic,
                raw.integer("kafka.partitions", 1, 10_000, "a number of partitions 1-10000"),
                store,
                warehouse,
                raw.nonBlank("http.host", "a host name or IP address to bind (127.0.0.1 keeps the API local)"),
                raw.port("http.port"),
                raw.integer("http.max-body-bytes", 256, 10 * 1024 * 1024, "a size in bytes 256-10485760"),
                raw.nonBlank("jobs.host", "a loopback address to bind JobRunr's own dashboard server (the API serves it at /dashboard)"),
                raw.integer("jobs.port", -1, 65_535, "a port number 0-65535 (0 picks a free port), or -1 for no dashboard"),
                jobsStorage(raw),
                raw.integer("jobs.workers", 1, 64, "a number of worker threads 1-64"),
                raw.integer("jobs.retries", 0, 100, "a number of retries 0-100"),
                schedule.equalsIgnoreCase("off") ? Optional.empty() : Optional.of(schedule),
                raw.integer("sink.flush-records", 1, Integer.MAX_VALUE, "a positive number of records"),
                raw.bytes("sink.flush-bytes"),
                raw.text("sink.flush-age").isEmpty() ? (mode == PlaystreamConfig.PipelineMode.SCHEDULED
                        ? PlaystreamConfig.DEFAULT_SINK_FLUSH_AGE : PlaystreamConfig.DEFAULT_CONTINUOUS_FLUSH_AGE)
                        : raw.duration("sink.flush-age"),
                sinkInstanceId(raw),
                sessionTimeout(raw),
                raw.integer("simulate.rate", 0, 1_000_000, "events per second 0-1000000 (0: no simulator)"),
                mode,
                tick(raw),
                testsEvery(raw),
                raw.flag("load.keep-raw"),
                secrets);
        raw.requireValid();
        return config;
    }

    /**
     * Open-source JobRunr's dashboard has no authentication (anyone who reaches it can delete or
     * requeue jobs). The API serves it at {@code /dashboard} behind the API's token, so JobRunr's own
     * server stays on this machine, and an API listening beyond loopback needs the token, or it would
     * hand the dashboard to anyone. {@code jobs.allow-unauthenticated-dashboard: true} lifts both when
     * something else keeps the ports private (a container publishing them on 127.0.0.1 only).
     */
    private static void refuseOpenJobsDashboard(RawSettings raw, Secrets secrets) {
        if (raw.text("jobs.port").equals("-1") || raw.flag("jobs.allow-unauthenticated-dashboard")) {
            return;
        }
        String jobsHost = raw.text("jobs.host");
        if (!jobsHost.isEmpty() && !isLoopback(jobsHost)) {
            raw.problem("jobs.host", "a loopback address (127.0.0.1, ::1, localhost): JobRunr's own dashboard server has no"
                    + " authentication; the API serves the dashboard at /dashboard behind " + Secrets.API_TOKEN + ". To bind"
                    + " JobRunr's server beyond loopback anyway (something else keeps its port private), set"
                    + " jobs.allow-unauthenticated-dashboard: true; jobs.port: -1 turns the dashboard off");
        }
        String httpHost = raw.text("http.host");
        if (secrets.apiToken().isEmpty() && !httpHost.isEmpty() && !isLoopback(httpHost)) {
            raw.problem("http.host", "a loopback address while " + Secrets.API_TOKEN + " is not set: the API serves JobRunr's"
                    + " dashboard (which can delete and requeue jobs) at /dashboard, and without a token to anyone who reaches"
                    + " it; set the token, turn the dashboard off with jobs.port: -1, or, when something else keeps the port"
                    + " private, set jobs.allow-unauthenticated-dashboard: true");
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false; // binding will fail anyway; refusing names the key first
        }
    }

    private static String sinkInstanceId(RawSettings raw) {
        String id = raw.text("sink.instance-id");
        if (!id.isEmpty() && !GroupMembership.isValidInstanceId(id)) {
            raw.problem("sink.instance-id", "a Kafka group.instance.id: letters, digits, '.', '_', '-', at most 249 characters;"
                    + " empty derives one per machine, none turns static membership off");
        }
        return id;
    }

    private static Duration sessionTimeout(RawSettings raw) {
        return raw.parse("sink.session-timeout", "an ISO-8601 duration between PT6S and PT30M (the brokers' default bounds)",
                Duration::parse, d -> d.compareTo(GroupMembership.MIN_SESSION_TIMEOUT) >= 0
                        && d.compareTo(GroupMembership.MAX_SESSION_TIMEOUT) <= 0, GroupMembership.DEFAULT_STATIC_SESSION_TIMEOUT);
    }

    private static PlaystreamConfig.PipelineMode pipelineMode(RawSettings raw) {
        String text = raw.text("pipeline.mode").toLowerCase(Locale.ROOT);
        for (PlaystreamConfig.PipelineMode mode : PlaystreamConfig.PipelineMode.values()) {
            if (mode.key().equals(text)) {
                return mode;
            }
        }
        raw.problem("pipeline.mode", "continuous (gold follows each flush within seconds) or scheduled (loads on schedule.load)");
        return PlaystreamConfig.DEFAULT_PIPELINE_MODE;
    }

    private static Duration tick(RawSettings raw) {
        Duration tick = raw.duration("pipeline.tick");
        if (tick.compareTo(Duration.ofMillis(50)) < 0 || tick.compareTo(Duration.ofMinutes(10)) > 0) {
            raw.problem("pipeline.tick", "an ISO-8601 duration from PT0.05S to PT10M, e.g. PT0.5S");
        }
        return tick;
    }

    private static Duration testsEvery(RawSettings raw) {
        return raw.parse("pipeline.tests-every", "an ISO-8601 duration from PT0S (test every micro-batch) to PT24H, e.g. PT1M",
                Duration::parse, d -> !d.isNegative() && d.compareTo(Duration.ofHours(24)) <= 0,
                PlaystreamConfig.DEFAULT_PIPELINE_TESTS_EVERY);
    }

    private static String jobsStorage(RawSettings raw) {
        String storage = raw.text("jobs.storage");
        if (!storage.equals(PlaystreamConfig.DEFAULT_JOBS_STORAGE) && !storage.startsWith("jdbc:postgresql://")) {
            raw.problem("jobs.storage", "embedded (an H2 file under data-dir), or a jdbc:postgresql://host:port/db URL shared by every instance");
        }
        return storage;
    }
}
