package io.playstream.app.run;

import static io.playstream.app.run.SimulatedRun.get;
import static io.playstream.app.run.SimulatedRun.status;
import static io.playstream.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.playstream.app.config.ConfigLoader;
import io.playstream.app.config.PlaystreamConfig;
import io.playstream.app.http.GoldCompleteness;
import io.playstream.event.ListeningEvent;
import io.playstream.generate.ListenerSimulator;
import io.playstream.generate.SimulatorConfig;
import io.playstream.jobs.testing.JobRunrTables;
import io.playstream.stream.EmbeddedKafkaBroker;
import io.playstream.stream.EventPublisher;
import io.playstream.stream.KafkaSettings;
import io.playstream.stream.PublishSummary;
import io.playstream.stream.PublisherConfig;
import io.playstream.testing.ScratchPostgres;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Continuous mode, the default of {@code run}, with real parts: the embedded broker, the sink, the
 * micro-batch loop, the real loader and transform runner. No schedule is set and no run is asked
 * for, so whatever reaches gold got there through the loop alone.
 */
class ContinuousModeIT {

    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @TempDir
    Path dataDir;

    @Test
    void runWithTheSimulatorMovesGoldAndItsWatermarkWithoutAnyScheduledJob() {
        PlaystreamConfig config = SimulatedRun.config(dataDir, 200);
        assertThat(config.continuous()).isTrue();
        try (AppServices app = AppServices.start(config, Map.of())) {
            String base = SimulatedRun.base(app);
            JsonNode first = await(PATIENCE, () -> status(base), s -> silverRows(s) > 0 && !through(s).isEmpty());
            Instant firstThrough = Instant.parse(through(first));

            JsonNode later = await(PATIENCE, () -> status(base),
                    s -> silverRows(s) > silverRows(first) && Instant.parse(through(s)).isAfter(firstThrough));

            assertThat(later.path("completeness").path("partitions").asInt()).isEqualTo(2);
            assertThat(later.path("completeness").path("gold_lag_seconds").asDouble()).isNotNegative();
            HttpResponse<String> gold = get(base + "/api/v1/gold/top_songs?limit=1");
            assertThat(gold.statusCode()).isEqualTo(200);
            assertThat(gold.headers().firstValue(GoldCompleteness.HEADER)).isPresent();
            assertThat(get(base + "/metrics").body()).contains("playstream_gold_watermark_lag_seconds")
                    .contains("playstream_micro_batches_total");
        }
    }

    @Test
    void twoInstancesSharingJobsAndAWarehouseLoadEachMicroBatchOnce() throws IOException {
        try (ScratchPostgres warehouse = ScratchPostgres.create("playstream_continuous_wh");
             ScratchPostgres jobStore = ScratchPostgres.create("playstream_continuous_jobs");
             EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker().start(dataDir.resolve("kafka"), 0)) {
            Path bucket = dataDir.resolve("bucket");
            Set<String> eventIds = new HashSet<>();
            try (AppServices one = AppServices.start(config("one", broker, bucket, warehouse, jobStore), Map.of());
                 AppServices two = AppServices.start(config("two", broker, bucket, warehouse, jobStore), Map.of())) {
                PublishSummary sent = publish(broker.bootstrapServers(), 3_000, eventIds);
                assertThat(sent.failed()).isZero();

                // every message in bronze, and gold caught up with every load, through the loops alone
                await(PATIENCE, () -> status(SimulatedRun.base(one)),
                        s -> s.path("rows").path("bronze").asLong() == sent.sent()
                                && !s.path("completeness").path("gold_behind_loads").asBoolean(true)
                                && !through(s).isEmpty());
                await(PATIENCE, () -> warehouse.number("select count(*) from silver.stg_events"), n -> n == eventIds.size());
            }

            long objects = bronzeObjects(bucket);
            // one manifest row per object, each row of bronze once: no micro-batch was loaded twice
            assertThat(warehouse.number("select count(*) from bronze._load_manifest")).isEqualTo(objects);
            assertThat(warehouse.number("select count(distinct _source_object) from bronze.spotify_events")).isEqualTo(objects);
            assertThat(warehouse.number("select count(*) from (select _source_object, _line_number from bronze.spotify_events"
                    + " group by _source_object, _line_number having count(*) > 1) twice")).isZero();
            assertThat(warehouse.number("select count(distinct event_id) from silver.stg_events")).isEqualTo(eventIds.size());
            assertThat(warehouse.number("select count(*) from bronze._partition_watermarks")).isEqualTo(3);
            // and JobRunr ran nothing: no schedule, no follow-up jobs in continuous mode
            assertThat(new JobRunrTables(jobStore).jobs()).isZero();
        }
    }

    private PlaystreamConfig config(String instance, EmbeddedKafkaBroker broker, Path bucket, ScratchPostgres warehouse,
            ScratchPostgres jobStore) {
        Map<String, String> options = new HashMap<>(Map.of("data-dir", dataDir.resolve(instance).toString(),
                "http.port", "0", "jobs.port", "-1", "kafka.bootstrap-servers", broker.bootstrapServers(),
                "store", "file:" + bucket, "warehouse", warehouse.url(), "jobs.storage", jobStore.url()));
        return ConfigLoader.load(Optional.empty(), dataDir, Map.of("PLAYSTREAM_SCHEDULE_LOAD", "off"), options);
    }

    /** Simulated listeners at 1500 events a second (late events and client retries included), recording the ids. */
    private static PublishSummary publish(String bootstrap, int events, Set<String> eventIds) {
        Iterator<ListeningEvent> simulated = ListenerSimulator.create(SimulatorConfig.builder()
                .events(events).rate(1_500).seed(15).build()).iterator();
        try (EventPublisher publisher = new EventPublisher(KafkaSettings.of(bootstrap),
                PublisherConfig.defaults(PlaystreamConfig.DEFAULT_KAFKA_TOPIC).withPartitions(3))) {
            return publisher.publish(new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return simulated.hasNext();
                }

                @Override
                public ListeningEvent next() {
                    ListeningEvent event = simulated.next();
                    eventIds.add(event.eventId());
                    return event;
                }
            });
        }
    }

    private static long bronzeObjects(Path bucket) throws IOException {
        try (Stream<Path> files = Files.walk(bucket.resolve("bronze"))) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static long silverRows(JsonNode status) {
        return status.path("rows").path("silver").asLong();
    }

    private static String through(JsonNode status) {
        return SimulatedRun.goldCompleteThrough(status);
    }
}
