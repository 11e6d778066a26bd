package io.playstream.app.config;

import io.playstream.jobs.runtime.JobsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@code playstream run} needs, validated once at start-up ({@link ConfigLoader}). The
 * keys are the dotted names of the config file; {@code PLAYSTREAM_} plus the key in upper case with
 * {@code .} and {@code -} as {@code _} overrides each one from the environment.
 *
 * @param kafkaBootstrapServers empty: start the embedded broker
 * @param scheduleLoad          the recurring load (cron or ISO-8601 duration); empty when {@code off}
 * @param sinkInstanceId        the sink's group.instance.id; blank: derived per machine slot, {@code none}: dynamic
 * @param simulateRate          simulated events per second; 0: no simulator
 * @param pipelineMode          continuous (micro-batches within seconds) or scheduled (loads on the schedule only)
 * @param pipelineTick          how long the micro-batch loop waits for new objects before it looks at the warehouse again
 * @param loadKeepRaw           whether bronze keeps every line byte for byte in {@code _raw} ({@code load.keep-raw})
 */
public record PlaystreamConfig(
        Path dataDir,
        String kafkaBootstrapServers,
        String kafkaTopic,
        int kafkaPartitions,
        String store,
        String warehouse,
        String httpHost,
        int httpPort,
        int httpMaxBodyBytes,
        String jobsHost,
        int jobsPort,
        String jobsStorage,
        int jobsWorkers,
        int jobsRetries,
        Optional<String> scheduleLoad,
        int sinkFlushRecords,
        long sinkFlushBytes,
        Duration sinkFlushAge,
        String sinkInstanceId,
        Duration sinkSessionTimeout,
        int simulateRate,
        PipelineMode pipelineMode,
        Duration pipelineTick,
        Duration pipelineTestsEvery,
        boolean loadKeepRaw,
        Secrets secrets) {

    public static final String DEFAULT_DATA_DIR = "playstream-data";
    public static final String DEFAULT_KAFKA_BOOTSTRAP_SERVERS = "";
    public static final String DEFAULT_KAFKA_TOPIC = "spotify-events";
    public static final int DEFAULT_KAFKA_PARTITIONS = 3;
    public static final String DEFAULT_HTTP_HOST = "127.0.0.1";
    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final int DEFAULT_HTTP_MAX_BODY_BYTES = 16 * 1024;
    public static final String DEFAULT_JOBS_HOST = "127.0.0.1";
    public static final int DEFAULT_JOBS_PORT = 8000;
    public static final String DEFAULT_JOBS_STORAGE = "embedded";
    public static final int DEFAULT_JOBS_WORKERS = JobsSettings.DEFAULT_WORKERS;
    public static final int DEFAULT_JOBS_RETRIES = 5;
    /** Hourly, on the hour, as the original Airflow DAG's {@code @hourly}. */
    public static final String DEFAULT_SCHEDULE_LOAD = "0 * * * *";
    public static final int DEFAULT_SINK_FLUSH_RECORDS = 10_000;
    public static final long DEFAULT_SINK_FLUSH_BYTES = 16L * 1024 * 1024;
    /** In scheduled mode: files of a minute, loaded on the schedule. */
    public static final Duration DEFAULT_SINK_FLUSH_AGE = Duration.ofSeconds(60);
    /** In continuous mode: a record waits at most a second for its file, since gold follows within seconds. */
    public static final Duration DEFAULT_CONTINUOUS_FLUSH_AGE = Duration.ofSeconds(1);
    public static final PipelineMode DEFAULT_PIPELINE_MODE = PipelineMode.CONTINUOUS;
    public static final Duration DEFAULT_PIPELINE_TICK = Duration.ofMillis(500);
    /**
     * In continuous mode the data tests run after the first micro-batch and then at most this often,
     * each time in a run of their own after the models' transform, on DuckDB beside the next one
     * (they read all of silver, and a micro-batch arrives every second or so).
     */
    public static final Duration DEFAULT_PIPELINE_TESTS_EVERY = Duration.ofMinutes(1);
    public static final int DEFAULT_SIMULATE_RATE = 0;

    public PlaystreamConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
        Objects.requireNonNull(kafkaTopic, "kafkaTopic");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(warehouse, "warehouse");
        Objects.requireNonNull(httpHost, "httpHost");
        Objects.requireNonNull(jobsHost, "jobsHost");
        Objects.requireNonNull(jobsStorage, "jobsStorage");
        Objects.requireNonNull(scheduleLoad, "scheduleLoad");
        Objects.requireNonNull(sinkFlushAge, "sinkFlushAge");
        Objects.requireNonNull(sinkInstanceId, "sinkInstanceId");
        Objects.requireNonNull(sinkSessionTimeout, "sinkSessionTimeout");
        Objects.requireNonNull(pipelineMode, "pipelineMode");
        Objects.requireNonNull(pipelineTick, "pipelineTick");
        Objects.requireNonNull(pipelineTestsEvery, "pipelineTestsEvery");
        Objects.requireNonNull(secrets, "secrets");
    }

    /** How gold follows the stream: {@code pipeline.mode}. */
    public enum PipelineMode {
        /** A micro-batch loop loads each flush the sink announces and transforms within a tick. */
        CONTINUOUS,
        /** Loads run on {@code schedule.load} (and when asked through the API); a follow-up transform after each. */
        SCHEDULED;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean continuous() {
        return pipelineMode == PipelineMode.CONTINUOUS;
    }

    /** Whether {@code run} starts its own Kafka broker. */
    public boolean embeddedBroker() {
        return kafkaBootstrapServers.isBlank();
    }

    /** Whether the job store is the embedded H2 file (one instance) rather than shared PostgreSQL. */
    public boolean embeddedJobStore() {
        return DEFAULT_JOBS_STORAGE.equals(jobsStorage);
    }
}
