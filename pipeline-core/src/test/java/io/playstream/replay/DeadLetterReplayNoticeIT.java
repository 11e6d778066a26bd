package io.playstream.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.event.RejectReason;
import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.objectstore.ObjectStore;
import io.playstream.stream.BronzeNotice;
import io.playstream.stream.DeadLetterChunk;
import io.playstream.stream.Gzip;
import io.playstream.stream.KafkaNotices;
import io.playstream.stream.KafkaSettings;
import io.playstream.stream.NoticeSink;
import io.playstream.stream.SharedKafkaBroker;
import io.playstream.testing.Await;
import io.playstream.warehouse.BronzeLoader;
import io.playstream.warehouse.LoadResult;
import io.playstream.warehouse.Warehouse;
import io.playstream.warehouse.Warehouses;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Continuous mode's path for replayed dead letters, on the real embedded broker: the replay
 * announces what it stored on the topic's notice topic, as the sink announces a flush, and a
 * loader reading notices loads each replayed object once however often it is announced.
 */
class DeadLetterReplayNoticeIT {

    static final Instant RECORDED = Instant.parse("2025-12-10T16:00:00Z");

    @TempDir
    Path temp;

    @Test
    void aLoaderReadingNoticesLoadsWhatAReplayAnnouncesOnce() throws Exception {
        String topic = SharedKafkaBroker.uniqueName("replay-events");
        KafkaSettings kafka = SharedKafkaBroker.settings();
        KafkaNotices.ensureTopic(kafka, topic);
        ObjectStore store = new FileSystemObjectStore(temp.resolve("bucket"));
        DeadLetterChunk chunk = new DeadLetterChunk(topic, 2, 40, RECORDED);
        chunk.add(40, RECORDED, null, DeadLetterReplayTest.event("n1", "2025-12-10T15:00:00Z"), RejectReason.BAD_TIMESTAMP, "older");
        chunk.add(41, RECORDED, null, DeadLetterReplayTest.bytes("nope"), RejectReason.NOT_JSON, "still");
        chunk.add(42, RECORDED, null, DeadLetterReplayTest.event("n2", "2025-12-10T15:10:00Z"), RejectReason.BAD_TIMESTAMP, "older");
        store.put(chunk.key().value(), Gzip.compress(chunk.body(), 1));
        String replayed = "bronze/date=2025-12-10/hour=15/" + topic + "+2+0000000000000000040.jsonl.gz";
        List<String> topicsAsked = new ArrayList<>();

        try (Warehouse warehouse = Warehouses.open("duckdb:" + temp.resolve("w.duckdb"), Map.of());
                NoticeSink notices = KafkaNotices.publisher(kafka, topic);
                KafkaNotices.Reader reader = KafkaNotices.reader(kafka, topic)) {
            BronzeLoader loader = new BronzeLoader(warehouse, store);

            new DeadLetterReplay(store).apply(t -> {
                topicsAsked.add(t);
                return notices;
            });
            BronzeNotice first = Await.await(Duration.ofSeconds(60), () -> reader.poll(Duration.ofMillis(200)), n -> !n.keys().isEmpty());
            LoadResult firstLoad = loader.loadKeys(first.keys(), first.watermarks());
            reader.commit();

            ReplayReport again = new DeadLetterReplay(store).apply(t -> notices);
            BronzeNotice second = Await.await(Duration.ofSeconds(60), () -> reader.poll(Duration.ofMillis(200)), n -> !n.keys().isEmpty());
            LoadResult secondLoad = loader.loadKeys(second.keys(), second.watermarks());
            reader.commit();

            assertThat(topicsAsked).containsExactly(topic);
            assertThat(first.keys()).containsExactly(replayed);
            assertThat(first.watermarks()).as("a replay says nothing of completeness").isEmpty();
            assertThat(firstLoad.objects()).isEqualTo(1);
            assertThat(firstLoad.rows()).isEqualTo(2);
            assertThat(again.written()).isEmpty();
            assertThat(second.keys()).as("announced again: a crash may have come before the first notice").containsExactly(replayed);
            assertThat(secondLoad.objects()).isZero();
            try (Connection c = warehouse.connect(); Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("select count(*), count(distinct event_id) from bronze.spotify_events")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getLong(1)).isEqualTo(2);
                assertThat(r.getLong(2)).isEqualTo(2);
            }
        }
    }
}
