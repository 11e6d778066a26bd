package io.playstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.playstream.event.RejectReason;
import io.playstream.event.Timestamps;
import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.partition.BronzeKey;
import io.playstream.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BronzeSinkIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path storeDir;

    @Test
    void fixtureEventsReplayedThroughKafkaLandInBronzeByteForByte() throws Exception {
        String topic = SharedKafkaBroker.uniqueName("fixture");
        List<String> lines = Fixtures.seedEventStrings();
        try (EventPublisher publisher = new EventPublisher(SharedKafkaBroker.settings(),
                PublisherConfig.defaults(topic).withPartitions(3))) {
            PublishSummary summary = publisher.publishRaw(
                    lines.stream().map(l -> l.getBytes(StandardCharsets.UTF_8)).iterator());
            assertThat(summary.sent()).isEqualTo(lines.size());
            assertThat(summary.failed()).isZero();
        }
        var store = new FileSystemObjectStore(storeDir);
        try (RunningSink sink = new RunningSink(new BronzeSink(SharedKafkaBroker.settings(), testConfig(topic), store),
                "fixture-sink")) {
            sink.awaitMetrics(m -> m.bronzeLines() >= lines.size(), TIMEOUT);
        }
        assertThat(StoredLines.bronze(store)).containsExactlyInAnyOrderElementsOf(lines);
        for (String key : StoredLines.keys(store, "bronze/")) {
            BronzeKey bronzeKey = BronzeKey.parse(key).orElseThrow();
            for (String line : StoredLines.lines(store, key)) {
                var eventTime = Timestamps.parse(StoredLines.parse(line).get("timestamp").asText()).orElseThrow();
                assertThat(BronzeKey.of(topic, bronzeKey.partition(), 0, eventTime, bronzeKey.compression()).date())
                        .as("event-time date of %s", line).isEqualTo(bronzeKey.date());
                assertThat(BronzeKey.of(topic, bronzeKey.partition(), 0, eventTime, bronzeKey.compression()).hour())
                        .isEqualTo(bronzeKey.hour());
            }
        }
        assertThat(StoredLines.keys(store, "dead-letter/")).isEmpty();
    }

    @Test
    void everyMalformedMessageIsDeadLetteredWithItsReasonAndEveryGoodOneReachesBronze() throws Exception {
        String topic = SharedKafkaBroker.uniqueName("malformed");
        Topics.ensure(SharedKafkaBroker.settings(), topic, 3);
        List<byte[]> good = TestEvents.encoded(2_000, 4, 7);
        Map<String, RejectReason> bad = new HashMap<>();
        List<byte[]> badMessages = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            Malformed kind = Malformed.values()[i % Malformed.values().length];
            byte[] message = kind.message(i);
            badMessages.add(message);
            bad.put(message == null ? "null-" + i : Base64.getEncoder().encodeToString(message), kind.reason);
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(SharedKafkaBroker.settings().toProperties(Map.of(
                "key.serializer", ByteArraySerializer.class.getName(),
                "value.serializer", ByteArraySerializer.class.getName())))) {
            var goodOnes = good.iterator();
            var badOnes = badMessages.iterator();
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < 3_000; i++) {
                byte[] message = i % 3 == 2 ? badOnes.next() : goodOnes.next();
                sent.add(producer.send(new ProducerRecord<>(topic, ("k" + i % 17).getBytes(StandardCharsets.UTF_8), message)));
            }
            for (var delivery : sent) {
                delivery.get(); // every message is in the topic before the sink is judged on it
            }
        }
        var store = new FileSystemObjectStore(storeDir);
        try (RunningSink sink = new RunningSink(new BronzeSink(SharedKafkaBroker.settings(), testConfig(topic), store),
                "malformed-sink")) {
            sink.awaitMetrics(m -> m.bronzeLines() + m.deadLetters() >= 3_000, TIMEOUT);
            assertThat(sink.sink().metrics().deadLetters()).isEqualTo(1_000);
        }
        assertThat(StoredLines.bronze(store)).containsExactlyInAnyOrderElementsOf(
                good.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList());
        List<JsonNode> deadLetters = StoredLines.deadLetters(store);
        assertThat(deadLetters).hasSize(1_000);
        Map<String, RejectReason> found = new HashMap<>();
        for (JsonNode letter : deadLetters) {
            assertThat(letter.get("topic").asText()).isEqualTo(topic);
            assertThat(letter.get("offset").asLong()).isNotNegative();
            assertThat(letter.get("detail").asText()).isNotBlank();
            String value = letter.get("value").isNull()
                    ? "null-" + letter.get("partition").asInt() + "-" + letter.get("offset").asLong() : letter.get("value").asText();
            found.put(value, RejectReason.valueOf(letter.get("reason").asText()));
        }
        // tombstones are identified by offset, not content: compare them by count
        assertThat(found.values().stream().filter(r -> r == RejectReason.EMPTY).count())
                .isEqualTo(bad.values().stream().filter(r -> r == RejectReason.EMPTY).count());
        bad.entrySet().removeIf(e -> e.getKey().startsWith("null-"));
        found.entrySet().removeIf(e -> e.getKey().startsWith("null-"));
        assertThat(found).isEqualTo(bad);
    }

    @Test
    void aStoreOutageLosesNothingAndDuplicatesNothing() throws Exception {
        String topic = SharedKafkaBroker.uniqueName("outage");
        var settings = SharedKafkaBroker.settings();
        var store = new FileSystemObjectStore(storeDir);
        List<byte[]> events = TestEvents.encoded(6_000, 6, 11);
        // the outage: the folder of the events' date is a regular file, so every write under it fails
        Path blocker = storeDir.resolve("bronze").resolve("date=2025-12-10");
        Files.createDirectories(blocker.getParent());
        Files.writeString(blocker, "not a folder");
        SinkConfig config = testConfig(topic).withFlush(1_000, 128 * 1024, Duration.ofMillis(300))
                .withMaxBufferedBytes(256 * 1024);
        try (EventPublisher publisher = new EventPublisher(settings, PublisherConfig.defaults(topic).withPartitions(3));
                RunningSink sink = new RunningSink(new BronzeSink(settings, config, store), "outage-sink")) {
            publisher.publishRaw(events.iterator());
            sink.awaitMetrics(m -> m.flushFailures() >= 5, TIMEOUT);
            assertThat(sink.sink().metrics().bronzeLines()).isZero();
            Files.delete(blocker);
            sink.awaitMetrics(m -> m.bronzeLines() >= events.size(), TIMEOUT);
        }
        Map<String, Integer> counts = StoredLines.eventIdCounts(store);
        assertThat(counts).hasSize(events.size());
        assertThat(counts.values()).containsOnly(1);
    }

    static SinkConfig testConfig(String topic) {
        return SinkConfig.defaults(topic)
                .withGroupId(SharedKafkaBroker.uniqueName("group"))
                .withFlush(1_000, 1 << 20, Duration.ofMillis(300))
                .withWriterThreads(2)
                .withRetryBackoff(Duration.ofMillis(50), Duration.ofMillis(400));
    }

    /** Kinds of bad messages a topic sees in real life. */
    private enum Malformed {
        TOMBSTONE(RejectReason.EMPTY) {
            @Override
            byte[] message(int i) {
                return null;
            }
        },
        ZERO_BYTES(RejectReason.EMPTY) {
            @Override
            byte[] message(int i) {
                return new byte[0];
            }
        },
        PLAIN_TEXT(RejectReason.NOT_JSON, "hello %d"),
        TRUNCATED(RejectReason.NOT_JSON, "{\"event_id\":\"e%d\",\"timestamp\":\"2025-12-10T15:00:00Z\""),
        TWO_OBJECTS(RejectReason.NOT_JSON, "{\"timestamp\":\"2025-12-10T15:00:00Z\",\"n\":%d}{}"),
        ARRAY(RejectReason.NOT_AN_OBJECT, "[%d]"),
        NUMBER(RejectReason.NOT_AN_OBJECT, "%d"),
        NO_TIMESTAMP(RejectReason.MISSING_TIMESTAMP, "{\"event_id\":\"e%d\"}"),
        NUMERIC_TIMESTAMP(RejectReason.BAD_TIMESTAMP, "{\"event_id\":\"e%d\",\"timestamp\":1765380385}"),
        WORDS_TIMESTAMP(RejectReason.BAD_TIMESTAMP, "{\"event_id\":\"e%d\",\"timestamp\":\"yesterday\"}"),
        LOCAL_TIMESTAMP(RejectReason.BAD_TIMESTAMP, "{\"event_id\":\"e%d\",\"timestamp\":\"2025-12-10T15:00:00\"}"),
        PRETTY_PRINTED(RejectReason.LINE_BREAK, "{\n  \"event_id\": \"e%d\",\n  \"timestamp\": \"2025-12-10T15:00:00Z\"\n}"),
        LATIN1(RejectReason.NOT_UTF8, null) {
            @Override
            byte[] message(int i) {
                return ("{\"event_id\":\"e" + i + "\",\"song_name\":\"Caf\u00e9\",\"timestamp\":\"2025-12-10T15:00:00Z\"}")
                        .getBytes(StandardCharsets.ISO_8859_1);
            }
        };

        final RejectReason reason;
        private final String format;

        Malformed(RejectReason reason) {
            this(reason, null);
        }

        Malformed(RejectReason reason, String format) {
            this.reason = reason;
            this.format = format;
        }

        byte[] message(int i) {
            return String.format(format, i).getBytes(StandardCharsets.UTF_8);
        }
    }
}
