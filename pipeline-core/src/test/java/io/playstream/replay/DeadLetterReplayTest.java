package io.playstream.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.event.RejectReason;
import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.objectstore.ObjectInfo;
import io.playstream.objectstore.ObjectStore;
import io.playstream.stream.DeadLetterChunk;
import io.playstream.stream.Gzip;
import io.playstream.stream.HostileCorpus;
import io.playstream.warehouse.BronzeLoader;
import io.playstream.warehouse.LoadResult;
import io.playstream.warehouse.Warehouse;
import io.playstream.warehouse.Warehouses;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay on a real folder store and a real DuckDB warehouse. A dead letter that an older check
 * refused and today's accepts is staged as the sink writes one: a message today's check accepts,
 * recorded with the reason an older check gave. Beside them, dead letters that still fail.
 */
class DeadLetterReplayTest {

    static final String TOPIC = "spotify-events";
    static final Instant RECORDED = Instant.parse("2025-12-10T16:00:00Z");

    static final String HOUR_15 = "bronze/date=2025-12-10/hour=15/spotify-events+0+0000000000000000005.jsonl.gz";
    static final String HOUR_13 = "bronze/date=2025-12-10/hour=13/spotify-events+0+0000000000000000005.jsonl.gz";
    static final String PARTITION_1 = "bronze/date=2025-12-10/hour=15/spotify-events+1+0000000000000000003.jsonl.gz";

    @TempDir
    Path temp;

    ObjectStore store;
    Warehouse warehouse;

    @BeforeEach
    void stageDeadLetters() {
        store = new FileSystemObjectStore(temp.resolve("bucket"));
        warehouse = Warehouses.open("duckdb:" + temp.resolve("warehouse.duckdb"), Map.of());

        DeadLetterChunk first = new DeadLetterChunk(TOPIC, 0, 5, RECORDED);
        first.add(5, RECORDED, key("u1"), event("e1", "2025-12-10T15:26:25.799926Z"), RejectReason.BAD_TIMESTAMP,
                "refused by an older check");
        // a space and a compact offset: 13:30 UTC
        first.add(6, RECORDED, key("u2"), event("e2", "2025-12-10 15:30:00+0200"), RejectReason.BAD_TIMESTAMP,
                "refused by an older check");
        first.add(7, RECORDED, null, bytes("not json"), RejectReason.NOT_JSON, "still not JSON");
        first.add(8, RECORDED, key("u3"), null, RejectReason.EMPTY, "a tombstone");
        first.add(9, RECORDED, key("u4"), bytes("{\"event_id\":\"e4\"}"), RejectReason.MISSING_TIMESTAMP, "none");
        first.add(10, RECORDED, key("u5"), event("e5", "2025-12-10T15:59:59Z"), RejectReason.MISSING_TIMESTAMP,
                "refused by an older check");
        put(first);

        DeadLetterChunk second = new DeadLetterChunk(TOPIC, 1, 3, RECORDED.plusSeconds(86_400));
        second.add(3, RECORDED, key("u6"), event("e6", "2025-12-10T15:00:00.5+00:00"), RejectReason.WRONG_TYPE,
                "refused by an older check");
        second.add(4, RECORDED, null, bytes("[1,2]"), RejectReason.NOT_AN_OBJECT, "an array");
        put(second);

        store.put("dead-letter/notes.txt", bytes("not a dead letter"));
        store.put("dead-letter/date=2025-12-11/spotify-events+2+0000000000000000001.jsonl.gz", bytes("not gzip"));
    }

    @AfterEach
    void close() {
        warehouse.close();
        store.close();
    }

    @Test
    void aDryRunCountsByReasonAndWritesNothing() {
        Map<String, String> deadLettersBefore = objects("dead-letter/");

        ReplayReport report = new DeadLetterReplay(store).dryRun();

        assertThat(report.applied()).isFalse();
        assertThat(report.deadLetterObjects()).isEqualTo(2);
        assertThat(report.deadLetters()).isEqualTo(8);
        assertThat(report.passing()).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "BAD_TIMESTAMP", 2L, "MISSING_TIMESTAMP", 1L, "WRONG_TYPE", 1L)));
        assertThat(report.stillFailing()).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "EMPTY", 1L, "MISSING_TIMESTAMP", 1L, "NOT_AN_OBJECT", 1L, "NOT_JSON", 1L)));
        assertThat(report.written()).containsExactly(HOUR_15, HOUR_13, PARTITION_1);
        assertThat(report.unreadable()).hasSize(2)
                .anySatisfy(u -> assertThat(u).startsWith("dead-letter/notes.txt: not a dead-letter object key"))
                .anySatisfy(u -> assertThat(u).startsWith("dead-letter/date=2025-12-11/spotify-events+2+").contains("not gzip"));
        assertThat(objects("bronze/")).isEmpty();
        assertThat(objects("dead-letter/")).isEqualTo(deadLettersBefore);
    }

    @Test
    void aRealRunWritesWhatNowPassesIntoBronzeWhereTheLoaderLoadsItOnce() throws Exception {
        Map<String, String> deadLettersBefore = objects("dead-letter/");

        ReplayReport report = new DeadLetterReplay(store).apply();
        LoadResult load = new BronzeLoader(warehouse, store).load();

        assertThat(report.applied()).isTrue();
        assertThat(report.written()).containsExactly(HOUR_15, HOUR_13, PARTITION_1);
        assertThat(report.passingCount()).isEqualTo(4);
        assertThat(report.stillFailingCount()).isEqualTo(4);
        assertThat(lines(HOUR_15)).isEqualTo(new String(event("e1", "2025-12-10T15:26:25.799926Z"), StandardCharsets.UTF_8)
                + "\n" + new String(event("e5", "2025-12-10T15:59:59Z"), StandardCharsets.UTF_8) + "\n");
        assertThat(load.objects()).isEqualTo(3);
        assertThat(load.rows()).isEqualTo(4);
        assertThat(rowsByEventId()).containsExactlyInAnyOrderEntriesOf(Map.of("e1", 1L, "e2", 1L, "e5", 1L, "e6", 1L));
        assertThat(objects("dead-letter/")).as("what still fails stays where it was").isEqualTo(deadLettersBefore);
    }

    @Test
    void aSecondRunFindsTheSameBytesAndAddsNothing() throws Exception {
        new DeadLetterReplay(store).apply();
        new BronzeLoader(warehouse, store).load();
        Map<String, String> bronzeAfterFirst = objects("bronze/");

        ReplayReport again = new DeadLetterReplay(store).apply();
        LoadResult load = new BronzeLoader(warehouse, store).load();

        assertThat(again.written()).isEmpty();
        assertThat(again.unchanged()).containsExactly(HOUR_15, HOUR_13, PARTITION_1);
        assertThat(again.passingCount()).as("the report still says what passes").isEqualTo(4);
        assertThat(objects("bronze/")).as("same keys, same etags").isEqualTo(bronzeAfterFirst);
        assertThat(load.objects()).isZero();
        assertThat(load.upToDate()).isEqualTo(3);
        assertThat(rowsByEventId()).containsExactlyInAnyOrderEntriesOf(Map.of("e1", 1L, "e2", 1L, "e5", 1L, "e6", 1L));
    }

    @Test
    void aRunAfterACrashHalfWayWritesOnlyWhatWasMissingAndTheWarehouseHasEachEventOnce() throws Exception {
        new DeadLetterReplay(store).apply();
        // the crash: the replay died before it stored its last object; a catch-up load ran meanwhile
        store.delete(PARTITION_1);
        LoadResult beforeRerun = new BronzeLoader(warehouse, store).load();

        ReplayReport rerun = new DeadLetterReplay(store).apply();
        LoadResult afterRerun = new BronzeLoader(warehouse, store).load();

        assertThat(beforeRerun.rows()).isEqualTo(3);
        assertThat(rerun.written()).containsExactly(PARTITION_1);
        assertThat(rerun.unchanged()).containsExactly(HOUR_15, HOUR_13);
        assertThat(afterRerun.objects()).isEqualTo(1);
        assertThat(afterRerun.rows()).isEqualTo(1);
        assertThat(rowsByEventId()).containsExactlyInAnyOrderEntriesOf(Map.of("e1", 1L, "e2", 1L, "e5", 1L, "e6", 1L));
    }

    @Test
    void aLaterWideningRewritesTheObjectWithAllThatPassAndTheLoaderReplacesItsRows() throws Exception {
        // what a replay under an earlier, narrower widening wrote: of this hour, only e1 passed then
        store.put(HOUR_15, Gzip.compress((new String(event("e1", "2025-12-10T15:26:25.799926Z"), StandardCharsets.UTF_8)
                + "\n").getBytes(StandardCharsets.UTF_8), 1));
        new BronzeLoader(warehouse, store).load();

        ReplayReport report = new DeadLetterReplay(store).apply();
        LoadResult load = new BronzeLoader(warehouse, store).load();

        assertThat(report.written()).containsExactly(HOUR_15, HOUR_13, PARTITION_1);
        assertThat(load.replacedObjects()).isEqualTo(1);
        assertThat(rowsByEventId()).containsExactlyInAnyOrderEntriesOf(Map.of("e1", 1L, "e2", 1L, "e5", 1L, "e6", 1L));
    }

    @Test
    void theHostileCorpusAgreesWithTheSink() {
        // every hostile case as a dead letter: those the sink refuses, with the sink's reason; the
        // others (silver's to judge) with an outdated reason, as if an older check had refused them
        ObjectStore hostile = new FileSystemObjectStore(temp.resolve("hostile"));
        DeadLetterChunk chunk = new DeadLetterChunk(TOPIC, 0, 0, RECORDED);
        Map<String, Long> refused = new TreeMap<>();
        long welcome = 0;
        List<HostileCorpus.Case> cases = HostileCorpus.load();
        for (int i = 0; i < cases.size(); i++) {
            HostileCorpus.Case c = cases.get(i);
            boolean deadLetter = c.outcome() == HostileCorpus.Outcome.DEAD_LETTER;
            chunk.add(i, RECORDED, null, c.message(), deadLetter ? RejectReason.valueOf(c.reason()) : RejectReason.NOT_JSON, c.what());
            if (deadLetter) {
                refused.merge(c.reason(), 1L, Long::sum);
            } else {
                welcome++;
            }
        }
        hostile.put(chunk.key().value(), Gzip.compress(chunk.body(), 1));

        ReplayReport report = new DeadLetterReplay(hostile).dryRun();

        assertThat(report.stillFailing()).containsExactlyEntriesOf(refused);
        assertThat(report.passing()).containsExactlyEntriesOf(new TreeMap<>(Map.of("NOT_JSON", welcome)));
        assertThat(report.unreadable()).isEmpty();
    }

    private Map<String, Long> rowsByEventId() throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Connection c = warehouse.connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select event_id, count(*) from bronze.spotify_events group by event_id")) {
            while (r.next()) {
                rows.put(r.getString(1), r.getLong(2));
            }
        }
        return rows;
    }

    /** Key to etag of every object under the prefix. */
    private Map<String, String> objects(String prefix) {
        try (Stream<ObjectInfo> listing = store.list(prefix)) {
            return listing.collect(Collectors.toMap(ObjectInfo::key, ObjectInfo::etag, (a, b) -> a, TreeMap::new));
        }
    }

    private String lines(String key) throws Exception {
        try (var in = new java.util.zip.GZIPInputStream(store.open(key))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void put(DeadLetterChunk chunk) {
        store.put(chunk.key().value(), Gzip.compress(chunk.body(), 1));
    }

    static byte[] event(String id, String timestamp) {
        return bytes("{\"event_id\":\"" + id + "\",\"user_id\":\"u\",\"song_id\":\"s\",\"artist_name\":\"A\","
                + "\"song_name\":\"S\",\"event_type\":\"play\",\"device_type\":\"web\",\"country\":\"UK\","
                + "\"timestamp\":\"" + timestamp + "\"}");
    }

    static byte[] key(String userId) {
        return bytes(userId);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

}
