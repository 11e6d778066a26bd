package io.playstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.event.EventCodec;
import io.playstream.event.ListeningEvent;
import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.stream.HostileCorpus.Case;
import io.playstream.stream.HostileCorpus.Outcome;
import io.playstream.testing.QuarantinedRescue;
import io.playstream.transform.JdbcWarehouse;
import io.playstream.transform.RunSummary;
import io.playstream.transform.TransformOptions;
import io.playstream.transform.TransformRunner;
import io.playstream.warehouse.BronzeLoader;
import io.playstream.warehouse.LoadListener;
import io.playstream.warehouse.LoadResult;
import io.playstream.warehouse.LoaderSettings;
import io.playstream.warehouse.Warehouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile corpus ({@link HostileCorpus}) sent through a real Kafka broker among good events,
 * into the real sink, loaded into DuckDB and built by the repository's dbt project: every bad
 * message lands in the dead letters or in {@code silver.stg_events_quarantine} with the reason its
 * manifest row names, hostile-looking but valid events reach silver verbatim, and the good events
 * are each in silver once with gold counting exactly them.
 */
class HostileCorpusIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** The huge case is past the sink's limit; the topic and producer must still carry it. */
    private static final int KAFKA_MAX_BYTES = 4 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everyHostileMessageLandsWhereTheManifestSaysAndTheGoodEventsAreUntouched() throws Exception {
        List<Case> corpus = HostileCorpus.load();
        List<ListeningEvent> good = TestEvents.events(600, 3, 2024);
        EventCodec codec = new EventCodec();
        List<byte[]> goodMessages = good.stream().map(codec::encode).toList();
        String topic = SharedKafkaBroker.uniqueName("hostile");
        createTopic(topic);
        int sent = send(topic, interleave(goodMessages, corpus));

        var store = new FileSystemObjectStore(dir.resolve("lake"));
        try (RunningSink sink = new RunningSink(new BronzeSink(SharedKafkaBroker.settings(),
                BronzeSinkIT.testConfig(topic), store), "hostile-sink")) {
            sink.awaitMetrics(m -> m.bronzeLines() + m.deadLetters() >= sent, TIMEOUT);
        }
        Warehouse warehouse = JdbcWarehouse.duckdb(dir.resolve("warehouse.duckdb"));
        // bronze keeps each line whole, so a quarantined row is found by its line below
        LoadResult load = new BronzeLoader(warehouse, store, LoaderSettings.DEFAULTS.withKeepRaw(true), LoadListener.NONE).load();
        List<String> log = new ArrayList<>();
        RunSummary transform = new TransformRunner(warehouse, log::add)
                .run(TransformOptions.of(Path.of("../dbt")).withTargetPath(dir.resolve("target")));

        assertThat(transform.succeeded()).as(String.join("\n", log)).isTrue();
        assertThat(multimap(warehouse, "select raw_line, reason from bronze._rejected_lines"))
                .as("the loader agrees with the sink on every line it was given").isEmpty();
        assertThat(load.rejectedLines()).isZero();

        Map<String, String> deadLetters = deadLetterReasons(store);
        Map<String, List<String>> quarantine = multimap(warehouse,
                "select _raw, reject_reason from silver.stg_events_quarantine");
        Map<String, List<String>> silver = multimap(warehouse,
                "select event_id, artist_name || '|' || song_name || '|' || _source_object from silver.stg_events");
        for (Case hostile : corpus) {
            switch (hostile.outcome()) {
                case DEAD_LETTER -> assertThat(deadLetters.get(base64(hostile.message())))
                        .as("dead letter reason of %s", hostile).isEqualTo(hostile.reason());
                case QUARANTINE -> assertThat(quarantine.get(hostile.text()))
                        .as("quarantine of %s", hostile).containsExactly(hostile.reason());
                case SILVER -> assertThat(silver.get(eventId(hostile)))
                        .as("silver row of %s", hostile).singleElement().satisfies(row -> assertKeptVerbatim(hostile, row));
            }
        }
        assertThat(deadLetters).as("nothing else is a dead letter").hasSize(count(corpus, Outcome.DEAD_LETTER));
        assertThat(quarantine.get(new String(goodMessages.get(0), StandardCharsets.UTF_8)))
                .as("the good event sent twice").containsExactly("duplicate_event_id");
        assertThat(quarantine.values().stream().mapToInt(List::size).sum())
                .as("nothing else is quarantined").isEqualTo(count(corpus, Outcome.QUARANTINE) + 1);
        assertQuarantineKeepsBronzesRescued(warehouse, corpus);
        for (ListeningEvent event : good) {
            assertThat(silver.get(event.eventId())).as("good event %s", event.eventId()).hasSize(1);
        }
        assertThat(silver).hasSize(good.size() + count(corpus, Outcome.SILVER));
        Map<String, Long> expectedTypes = good.stream()
                .collect(Collectors.groupingBy(e -> e.eventType().wireName(), Collectors.counting()));
        expectedTypes.merge("play", (long) count(corpus, Outcome.SILVER), Long::sum); // every silver case is a play
        assertThat(goldEventCounts(warehouse)).isEqualTo(expectedTypes);
    }

    /**
     * Each quarantined row carries bronze's {@code _rescued} of its line, such as a position given
     * as text: the only copy of it in the warehouse when bronze does not keep {@code _raw}.
     */
    private static void assertQuarantineKeepsBronzesRescued(Warehouse warehouse, List<Case> corpus) throws Exception {
        assertThat(QuarantinedRescue.assertSameAsBronze(warehouse)).as("quarantined lines with rescued members").isGreaterThan(1);
        Map<String, List<String>> rescuedByEvent = multimap(warehouse,
                "select event_id, _rescued from silver.stg_events_quarantine where _rescued is not null");
        Case textPosition = corpus.stream().filter(c -> c.name().equals("text-position")).findFirst().orElseThrow();
        assertThat(rescuedByEvent.get(eventId(textPosition))).as("the members of %s only _rescued holds", textPosition)
                .singleElement().satisfies(rescued -> assertThat(parse(rescued)).isEqualTo(parse("{\"position_ms\":\"abc\"}")));
    }

    private static void assertKeptVerbatim(Case hostile, String row) {
        JsonNode sent = parse(hostile.text());
        String[] columns = row.split("\\|", 3);
        assertThat(columns[0]).isEqualTo(sent.get("artist_name").asText());
        assertThat(columns[1]).isEqualTo(sent.get("song_name").asText());
        assertThat(columns[2]).as("the loader's own _source_object, whatever the event says")
                .startsWith("bronze/date=2025-12-").doesNotContain("..");
    }

    /** The good events in order, a hostile case after every few, and the first good event again at the end. */
    private static List<byte[]> interleave(List<byte[]> good, List<Case> corpus) {
        List<byte[]> messages = new ArrayList<>();
        int every = Math.max(1, good.size() / corpus.size());
        for (int i = 0; i < good.size(); i++) {
            messages.add(good.get(i));
            if (i % every == 0 && i / every < corpus.size()) {
                messages.add(corpus.get(i / every).message());
            }
        }
        for (int c = good.size() / every + (good.size() % every == 0 ? 0 : 1); c < corpus.size(); c++) {
            messages.add(corpus.get(c).message());
        }
        messages.add(good.get(0));
        return messages;
    }

    private static void createTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(SharedKafkaBroker.settings().toProperties(Map.of()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1)
                    .configs(Map.of("max.message.bytes", String.valueOf(KAFKA_MAX_BYTES))))).all().get();
        }
        Topics.ensure(SharedKafkaBroker.settings(), topic, 3);
    }

    private static int send(String topic, List<byte[]> messages) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(SharedKafkaBroker.settings().toProperties(Map.of(
                "key.serializer", ByteArraySerializer.class.getName(),
                "value.serializer", ByteArraySerializer.class.getName(),
                "max.request.size", String.valueOf(KAFKA_MAX_BYTES))))) {
            List<Future<?>> deliveries = new ArrayList<>();
            for (int i = 0; i < messages.size(); i++) {
                byte[] key = ("listener-" + i % 7).getBytes(StandardCharsets.UTF_8);
                deliveries.add(producer.send(new ProducerRecord<>(topic, key, messages.get(i))));
            }
            for (Future<?> delivery : deliveries) {
                delivery.get();
            }
        }
        return messages.size();
    }

    /** Each dead letter's reason by the base64 of the message it holds. */
    private static Map<String, String> deadLetterReasons(FileSystemObjectStore store) {
        Map<String, String> reasons = new HashMap<>();
        for (JsonNode letter : StoredLines.deadLetters(store)) {
            String previous = reasons.put(letter.get("value").asText(), letter.get("reason").asText());
            assertThat(previous).as("a message dead-lettered twice").isNull();
        }
        return reasons;
    }

    private static Map<String, List<String>> multimap(Warehouse warehouse, String sql) throws Exception {
        Map<String, List<String>> values = new HashMap<>();
        try (Connection c = warehouse.connect(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            while (rows.next()) {
                values.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(rows.getString(2));
            }
        }
        return values;
    }

    private static Map<String, Long> goldEventCounts(Warehouse warehouse) throws Exception {
        Map<String, Long> counts = new HashMap<>();
        try (Connection c = warehouse.connect(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(
                "select event_type, sum(event_count) from gold.event_type_distribution where period_grain = 'day' "
                        + "group by event_type")) {
            while (rows.next()) {
                if (rows.getLong(2) > 0) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return counts;
    }

    private static String eventId(Case hostile) {
        return parse(hostile.text()).get("event_id").asText();
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static int count(List<Case> corpus, Outcome outcome) {
        return (int) corpus.stream().filter(c -> c.outcome() == outcome).count();
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

}
