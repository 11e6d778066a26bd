package io.playstream.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path workingDir;

    @Test
    void withoutAnyFileTheDefaultsApply() {
        PlaystreamConfig config = load(Optional.empty(), Map.of(), Map.of());

        assertThat(config.httpHost()).isEqualTo("127.0.0.1");
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.jobsPort()).isEqualTo(8000);
        assertThat(config.embeddedBroker()).isTrue();
        assertThat(config.embeddedJobStore()).isTrue();
        assertThat(config.kafkaTopic()).isEqualTo("spotify-events");
        assertThat(config.scheduleLoad()).contains("0 * * * *");
        assertThat(config.store()).startsWith("file:/").endsWith("bucket");
        assertThat(config.warehouse()).startsWith("duckdb:/").endsWith("warehouse.duckdb");
        assertThat(config.secrets().apiToken()).isEmpty();
    }

    @Test
    void aYamlFileSetsNestedKeys() throws IOException {
        Path file = write("playstream.yaml", """
                data-dir: /var/lib/playstream
                kafka:
                  bootstrap-servers: broker-1:9092,broker-2:9092
                  partitions: 12
                jobs:
                  storage: jdbc:postgresql://db:5432/jobs?user=playstream
                schedule:
                  load: PT15M
                sink:
                  flush-age: PT30S
                """);

        PlaystreamConfig config = load(Optional.of(file), Map.of(), Map.of());

        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/playstream"));
        assertThat(config.kafkaBootstrapServers()).isEqualTo("broker-1:9092,broker-2:9092");
        assertThat(config.embeddedBroker()).isFalse();
        assertThat(config.kafkaPartitions()).isEqualTo(12);
        assertThat(config.embeddedJobStore()).isFalse();
        assertThat(config.scheduleLoad()).contains("PT15M");
        assertThat(config.sinkFlushAge()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aPropertiesFileWorksToo() throws IOException {
        Path file = write("playstream.properties", "http.port=9000\nschedule.load=off\n");

        PlaystreamConfig config = load(Optional.of(file), Map.of(), Map.of());

        assertThat(config.httpPort()).isEqualTo(9000);
        assertThat(config.scheduleLoad()).isEmpty();
    }

    @Test
    void theEnvironmentOverridesTheFileAndOptionsOverrideTheEnvironment() throws IOException {
        Path file = write("playstream.yaml", "http:\n  port: 9000\njobs:\n  port: 9001\n");

        PlaystreamConfig config = load(Optional.of(file),
                Map.of("PLAYSTREAM_HTTP_PORT", "9100", "PLAYSTREAM_JOBS_PORT", "9101"), Map.of("jobs.port", "9201"));

        assertThat(config.httpPort()).isEqualTo(9100);
        assertThat(config.jobsPort()).isEqualTo(9201);
    }

    @Test
    void dotEnvInTheWorkingFolderIsReadButTheRealEnvironmentWins() throws IOException {
        write(".env", "PLAYSTREAM_KAFKA_TOPIC=from-dotenv\nPLAYSTREAM_HTTP_PORT=9300\nPLAYSTREAM_API_TOKEN=dotenv-token\n");

        PlaystreamConfig config = load(Optional.empty(), Map.of("PLAYSTREAM_HTTP_PORT", "9400"), Map.of());

        assertThat(config.kafkaTopic()).isEqualTo("from-dotenv");
        assertThat(config.httpPort()).isEqualTo(9400);
        assertThat(config.secrets().apiToken()).contains("dotenv-token");
    }

    @Test
    void aBadValueFailsNamingTheKeyItsSourceAndTheAcceptedValues() {
        assertThatThrownBy(() -> load(Optional.empty(), Map.of("PLAYSTREAM_HTTP_PORT", "eighty"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http.port = 'eighty'")
                .hasMessageContaining("PLAYSTREAM_HTTP_PORT")
                .hasMessageContaining("accepted: a port number 0-65535");
    }

    @Test
    void everyProblemIsReportedAtOnce() throws IOException {
        Path file = write("playstream.yaml", """
                schedule:
                  load: hourly
                jobs:
                  storage: mysql://db
                kafka:
                  topic: "bad topic!"
                htpp:
                  port: 1
                """);

        assertThatThrownBy(() -> load(Optional.of(file), Map.of(), Map.of()))
                .hasMessageContaining("schedule.load = 'hourly'")
                .hasMessageContaining("jobs.storage = 'mysql://db'")
                .hasMessageContaining("kafka.topic = 'bad topic!'")
                .hasMessageContaining("unknown key 'htpp.port' in playstream.yaml; accepted keys: data-dir,");
    }

    @Test
    void theSinkIsAStaticMemberByDefaultAndItsIdAndSessionTimeoutAreChecked() {
        PlaystreamConfig defaults = load(Optional.empty(), Map.of(), Map.of());
        assertThat(defaults.sinkInstanceId()).isEmpty();
        assertThat(defaults.sinkSessionTimeout()).isEqualTo(Duration.ofSeconds(30));

        assertThatThrownBy(() -> load(Optional.empty(), Map.of("PLAYSTREAM_SINK_INSTANCE_ID", "pod 7",
                "PLAYSTREAM_SINK_SESSION_TIMEOUT", "PT2S"), Map.of()))
                .hasMessageContaining("sink.instance-id = 'pod 7'")
                .hasMessageContaining("sink.session-timeout = 'PT2S'")
                .hasMessageContaining("between PT6S and PT30M");
    }

    @Test
    void jobRunrsOwnDashboardServerStaysOnLoopbackUnlessTheOperatorSaysItsPortIsKeptPrivate() {
        for (String loopback : new String[] {"127.0.0.1", "localhost", "::1", "127.0.0.2"}) {
            assertThat(load(Optional.empty(), Map.of("PLAYSTREAM_JOBS_HOST", loopback), Map.of()).jobsHost()).isEqualTo(loopback);
        }
        assertThatThrownBy(() -> load(Optional.empty(), Map.of("PLAYSTREAM_JOBS_HOST", "0.0.0.0", "PLAYSTREAM_API_TOKEN", "t"), Map.of()))
                .hasMessageContaining("jobs.host = '0.0.0.0' (from PLAYSTREAM_JOBS_HOST)")
                .hasMessageContaining("the API serves the dashboard at /dashboard behind PLAYSTREAM_API_TOKEN")
                .hasMessageContaining("jobs.allow-unauthenticated-dashboard");
        assertThat(load(Optional.empty(), Map.of("PLAYSTREAM_JOBS_HOST", "0.0.0.0", "PLAYSTREAM_JOBS_PORT", "-1"), Map.of())
                .jobsPort()).isEqualTo(-1);
        assertThat(load(Optional.empty(), Map.of("PLAYSTREAM_JOBS_HOST", "0.0.0.0",
                "PLAYSTREAM_JOBS_ALLOW_UNAUTHENTICATED_DASHBOARD", "true"), Map.of()).jobsHost()).isEqualTo("0.0.0.0");
    }

    @Test
    void anApiBeyondLoopbackServesJobRunrsDashboardOnlyBehindTheToken() {
        assertThatThrownBy(() -> load(Optional.empty(), Map.of("PLAYSTREAM_HTTP_HOST", "0.0.0.0"), Map.of()))
                .hasMessageContaining("http.host = '0.0.0.0' (from PLAYSTREAM_HTTP_HOST)")
                .hasMessageContaining("while PLAYSTREAM_API_TOKEN is not set")
                .hasMessageContaining("jobs.port: -1").hasMessageContaining("jobs.allow-unauthenticated-dashboard");

        assertThat(load(Optional.empty(), Map.of("PLAYSTREAM_HTTP_HOST", "0.0.0.0", "PLAYSTREAM_API_TOKEN", "t"), Map.of())
                .httpHost()).isEqualTo("0.0.0.0");
        assertThat(load(Optional.empty(), Map.of("PLAYSTREAM_HTTP_HOST", "0.0.0.0"), Map.of("jobs.port", "-1")).httpHost())
                .isEqualTo("0.0.0.0");
        assertThat(load(Optional.empty(), Map.of("PLAYSTREAM_HTTP_HOST", "0.0.0.0",
                "PLAYSTREAM_JOBS_ALLOW_UNAUTHENTICATED_DASHBOARD", "true"), Map.of()).httpHost()).isEqualTo("0.0.0.0");
    }

    @Test
    void continuousIsTheDefaultModeWithSecondScaleFlushesAndScheduledKeepsMinuteFiles() {
        PlaystreamConfig continuous = load(Optional.empty(), Map.of(), Map.of());
        PlaystreamConfig scheduled = load(Optional.empty(), Map.of("PLAYSTREAM_PIPELINE_MODE", "scheduled"), Map.of());

        assertThat(continuous.continuous()).isTrue();
        assertThat(continuous.sinkFlushAge()).isEqualTo(PlaystreamConfig.DEFAULT_CONTINUOUS_FLUSH_AGE);
        assertThat(continuous.pipelineTick()).isEqualTo(PlaystreamConfig.DEFAULT_PIPELINE_TICK);
        assertThat(scheduled.continuous()).isFalse();
        assertThat(scheduled.sinkFlushAge()).isEqualTo(PlaystreamConfig.DEFAULT_SINK_FLUSH_AGE);
    }

    @Test
    void anUnknownModeOrATickOutOfRangeFailsNamingTheKey() {
        assertThatThrownBy(() -> load(Optional.empty(),
                Map.of("PLAYSTREAM_PIPELINE_MODE", "streaming", "PLAYSTREAM_PIPELINE_TICK", "PT0.001S"), Map.of()))
                .hasMessageContaining("pipeline.mode = 'streaming'")
                .hasMessageContaining("continuous (gold follows each flush within seconds) or scheduled")
                .hasMessageContaining("pipeline.tick = 'PT0.001S'");
    }

    @Test
    void theTestCadenceDefaultsToAMinuteTakesZeroForEveryMicroBatchAndRefusesANegativeOneNamingTheKey() {
        assertThat(load(Optional.empty(), Map.of(), Map.of()).pipelineTestsEvery()).isEqualTo(Duration.ofMinutes(1));
        assertThat(load(Optional.empty(), Map.of("PLAYSTREAM_PIPELINE_TESTS_EVERY", "PT0S"), Map.of()).pipelineTestsEvery())
                .isZero();
        assertThatThrownBy(() -> load(Optional.empty(), Map.of("PLAYSTREAM_PIPELINE_TESTS_EVERY", "-PT1M"), Map.of()))
                .hasMessageContaining("pipeline.tests-every = '-PT1M'")
                .hasMessageContaining("an ISO-8601 duration from PT0S");
        assertThatThrownBy(() -> load(Optional.empty(), Map.of("PLAYSTREAM_PIPELINE_TESTS_EVERY", "hourly"), Map.of()))
                .hasMessageContaining("pipeline.tests-every = 'hourly'");
    }

    @Test
    void secretsInTheConfigFileAreRefused() throws IOException {
        Path file = write("playstream.yaml", "api-token: s3cret\n");

        assertThatThrownBy(() -> load(Optional.of(file), Map.of(), Map.of()))
                .hasMessageContaining("secrets are read from the environment only (PLAYSTREAM_API_TOKEN")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void aPasswordInsideAUrlIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> load(Optional.empty(),
                Map.of("PLAYSTREAM_JOBS_STORAGE", "jdbc:postgresql://db:5432/jobs?user=app&password=hunter2"), Map.of()))
                .hasMessageContaining("jobs.storage (from PLAYSTREAM_JOBS_STORAGE) holds a password")
                .hasMessageContaining("PLAYSTREAM_JOBS_STORAGE_PASSWORD")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void bronzeKeepsRawOnlyWhenAskedAndAnythingButTrueOrFalseFailsAtStartUp() {
        assertThat(load(Optional.empty(), Map.of(), Map.of()).loadKeepRaw()).isFalse();
        assertThat(load(Optional.empty(), Map.of("PLAYSTREAM_LOAD_KEEP_RAW", "true"), Map.of()).loadKeepRaw()).isTrue();
        assertThatThrownBy(() -> load(Optional.empty(), Map.of("PLAYSTREAM_LOAD_KEEP_RAW", "yes"), Map.of()))
                .hasMessageContaining("load.keep-raw = 'yes'")
                .hasMessageContaining("true or false");
    }

    @Test
    void theExampleConfigurationLoads() throws IOException {
        Path example = Path.of("src/main/config/playstream.example.yaml");

        PlaystreamConfig config = load(Optional.of(example), Map.of(), Map.of());

        assertThat(config.scheduleLoad()).contains(PlaystreamConfig.DEFAULT_SCHEDULE_LOAD);
        assertThat(config.httpHost()).isEqualTo(PlaystreamConfig.DEFAULT_HTTP_HOST);
    }

    @Test
    void secretsAreMaskedWhenTheConfigIsPrinted() {
        PlaystreamConfig config = load(Optional.empty(),
                Map.of("PLAYSTREAM_API_TOKEN", "tok-123456", "PLAYSTREAM_JOBS_STORAGE_PASSWORD", "pw-987654"), Map.of());

        assertThat(config.secrets().apiToken()).contains("tok-123456");
        assertThat(config.toString()).doesNotContain("tok-123456").doesNotContain("pw-987654").contains("apiToken=****");
    }

    @Test
    void aMissingConfigFileIsAUsageError() {
        assertThatThrownBy(() -> load(Optional.of(workingDir.resolve("nope.yaml")), Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--config: no such file");
    }

    private PlaystreamConfig load(Optional<Path> file, Map<String, String> env, Map<String, String> options) {
        return ConfigLoader.load(file, workingDir, env, options);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(workingDir.resolve(name), text);
    }
}
