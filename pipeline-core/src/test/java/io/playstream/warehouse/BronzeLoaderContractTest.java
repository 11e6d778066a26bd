package io.playstream.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.objectstore.ObjectInfo;
import io.playstream.objectstore.ObjectStore;
import io.playstream.testing.Await;
import io.playstream.testing.Fixtures;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loader's contract, run against every warehouse that can run here (JobRunr's
 * {@code SqlStorageProviderTest} pattern): one subclass per engine, on a real database.
 */
abstract class BronzeLoaderContractTest {

    static final Path FIXTURES = Fixtures.root();
    static final Instant HOUR_15 = Instant.parse("2025-12-10T15:00:00Z");
    static final Instant HOUR_16 = Instant.parse("2025-12-10T16:00:00Z");

    @TempDir
    Path temp;

    FileSystemObjectStore store;
    Warehouse warehouse;

    /** A warehouse with no bronze tables yet. */
    abstract Warehouse freshWarehouse(Path temp) throws Exception;

    @BeforeEach
    void openStoreAndWarehouse() throws Exception {
        store = new FileSystemObjectStore(temp.resolve("store"));
        warehouse = freshWarehouse(temp);
    }

    @AfterEach
    void closeWarehouse() {
        warehouse.close();
    }

    BronzeLoader loader() {
        return loader(LoadListener.NONE);
    }

    BronzeLoader loader(LoadListener listener) {
        return new BronzeLoader(warehouse, store, LoaderSettings.DEFAULTS.withBatchObjects(2), listener);
    }

    @Test
    void loadsEveryObjectOnceAndAReloadReadsNothing() throws Exception {
        for (int i = 0; i < 3; i++) {
            BronzeFiles.put(store, BronzeFiles.key(i * 5L, HOUR_15).value(), BronzeFiles.events(i * 5L, 5, HOUR_15));
        }

        LoadResult first = loader().load();
        LoadResult second = loader().load();

        assertThat(first.objects()).isEqualTo(3);
        assertThat(first.rows()).isEqualTo(15);
        assertThat(second.objects()).isZero();
        assertThat(second.upToDate()).isEqualTo(3);
        assertThat(count("select count(*) from bronze.spotify_events")).isEqualTo(15);
        assertThat(count("select count(distinct event_id) from bronze.spotify_events")).isEqualTo(15);
        assertThat(count("select count(*) from bronze._load_manifest where row_count = 5")).isEqualTo(3);
        assertThat(count("select count(*) from information_schema.schemata where schema_name in ('bronze', 'silver', 'gold')"))
                .isEqualTo(3);
    }

    @Test
    void theListenerIsToldThePlanAndEveryCommittedBatchsObjectsAndRows() throws Exception {
        for (int i = 0; i < 5; i++) {
            BronzeFiles.put(store, BronzeFiles.key(i * 4L, HOUR_15).value(), BronzeFiles.events(i * 4L, 4, HOUR_15));
        }
        List<String> heard = new ArrayList<>();
        LoadListener listener = new LoadListener() {
            @Override
            public void planned(int objects, long bytes) {
                heard.add("planned " + objects + (bytes > 0 ? " objects with bytes" : " objects without bytes"));
            }

            @Override
            public void batchCommitted(int objects, long rows, long bytes) {
                heard.add("committed " + objects + " objects, " + rows + " rows");
            }
        };

        LoadResult result = loader(listener).load();

        // batches of two objects (the loader() setting): 2 + 2 + 1
        assertThat(heard).containsExactly("planned 5 objects with bytes", "committed 2 objects, 8 rows",
                "committed 2 objects, 8 rows", "committed 1 objects, 4 rows");
        assertThat(result.rows()).isEqualTo(20);
    }

    @Test
    void announcedKeysLoadWithoutAListingAndTheirWatermarksCommitOnceAndOnlyMoveForward() throws Exception {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            keys.add(BronzeFiles.key(i * 5L, HOUR_15).value());
            BronzeFiles.put(store, keys.get(i), BronzeFiles.events(i * 5L, 5, HOUR_15));
        }
        String partition = BronzeFiles.key(0, HOUR_15).topic() + "+0";
        Instant first = Instant.parse("2025-12-10T15:30:00Z");

        LoadResult announced = loader().loadKeys(keys.subList(0, 2), Map.of(partition, first));
        LoadResult again = loader().loadKeys(keys.subList(0, 2), Map.of(partition, first.minusSeconds(60)));

        assertThat(announced.objects()).isEqualTo(2);
        assertThat(again.objects()).isZero();
        assertThat(again.upToDate()).isEqualTo(2);
        assertThat(count("select count(*) from bronze._load_manifest")).isEqualTo(2);
        assertThat(count("select count(*) from bronze._partition_watermarks")).isEqualTo(1);
        assertThat(Completeness.read(warehouse).loadedThrough()).contains(first);
        // a watermark alone (an idle sink's heartbeat) commits in a transaction of its own
        loader().loadKeys(List.of(), Map.of(partition, first.plusSeconds(5)));
        assertThat(Completeness.read(warehouse).loadedThrough()).contains(first.plusSeconds(5));
    }

    @Test
    void aBatchThatFailsBeforeItsManifestLeavesNoWatermark() throws Exception {
        String key = BronzeFiles.key(0, HOUR_15).value();
        BronzeFiles.put(store, key, BronzeFiles.events(0, 5, HOUR_15));
        LoadListener crash = new LoadListener() {
            @Override
            public void rowsWritten(List<String> objectKeys) {
                throw new IllegalStateException("crash between rows and manifest");
            }
        };

        assertThatThrownBy(() -> loader(crash).loadKeys(List.of(key), Map.of("t+0", HOUR_16)))
                .hasMessageContaining("crash between rows and manifest");

        assertThat(count("select count(*) from bronze._partition_watermarks")).isZero();
        assertThat(count("select count(*) from bronze.spotify_events")).isZero();
    }

    @Test
    void goldsWatermarkFollowsWhatWasLoadedBeforeTheTransform() throws Exception {
        String key = BronzeFiles.key(0, HOUR_15).value();
        BronzeFiles.put(store, key, BronzeFiles.events(0, 5, HOUR_15));
        Instant through = Instant.parse("2025-12-10T15:45:00Z");
        assertThat(Completeness.read(warehouse)).isEqualTo(Completeness.Snapshot.EMPTY);

        loader().loadKeys(List.of(key), Map.of("t+0", through, "t+1", through.plusSeconds(30)));
        Completeness.Snapshot beforeTransform = Completeness.read(warehouse);
        assertThat(beforeTransform.goldBehind()).isTrue();
        Completeness.recordGold(warehouse, beforeTransform);
        Completeness.Snapshot after = Completeness.read(warehouse);

        assertThat(after.goldThrough()).contains(through); // the least of the partitions
        assertThat(after.goldBehind()).isFalse();
        assertThat(after.watermarkBehind()).isFalse();
        // the watermarks move on with nothing new loaded: gold's may follow without a transform
        loader().loadKeys(List.of(), Map.of("t+0", through.plusSeconds(60), "t+1", through.plusSeconds(60)));
        Completeness.Snapshot idle = Completeness.read(warehouse);
        assertThat(idle.goldBehind()).isFalse();
        assertThat(idle.watermarkBehind()).isTrue();
        // an older snapshot recorded late moves nothing back
        Completeness.recordGold(warehouse, idle);
        Completeness.recordGold(warehouse, beforeTransform);
        assertThat(Completeness.read(warehouse).goldThrough()).contains(through.plusSeconds(60));
    }

    @Test
    void keepsEveryFieldAsTextAndRescuesOnlyWhatTheColumnsDoNotHold() throws Exception {
        String key = BronzeFiles.key(0, HOUR_15).value();
        String line = BronzeFiles.events(7, 1, HOUR_15).get(0);
        String odd = "{\"event_id\": \"odd\", \"song_name\": \"back\\\\slash \\\"quote\\\" tab\\t nl\\n nul\\u0000 é\","
                + " \"position_ms\": 1200, \"extra\": {\"nested\": [1, 2]}, \"country\": null, \"duration_ms\": \"42\","
                + " \"song_id\": 7, \"event_id\": \"again\"}";
        BronzeFiles.put(store, key, List.of(line, odd));

        loader().load();

        Map<String, String> first = row("select * from bronze.spotify_events where _line_number = 1");
        assertThat(first.get("_raw")).isNull();
        assertThat(first.get("_rescued")).isNull();
        assertThat(first.get("event_id")).isEqualTo(BronzeFiles.event(7, HOUR_15).eventId());
        assertThat(first.get("position_ms")).isEqualTo("49");
        assertThat(first.get("schema_version")).isEqualTo("2");
        assertThat(first.get("_source_object")).isEqualTo(key);
        assertThat(RebuiltLine.fromBronze(first)).isEqualTo(RebuiltLine.of(line));
        Map<String, String> second = row("select * from bronze.spotify_events where _line_number = 2");
        assertThat(second.get("_raw")).isNull();
        assertThat(second.get("event_id")).isEqualTo("odd");
        assertThat(second.get("song_name")).startsWith("back\\slash \"quote\" tab\t nl\n nul").endsWith(" é");
        assertThat(second.get("position_ms")).isEqualTo("1200");
        assertThat(second.get("duration_ms")).isEqualTo("42");
        assertThat(second.get("song_id")).isEqualTo("7");
        assertThat(second.get("country")).isNull();
        assertThat(second.get("user_id")).isNull();
        // song_name holds U+0000, which PostgreSQL's text cannot: rescued on every warehouse alike
        assertThat(RebuiltLine.of(second.get("_rescued"))).isEqualTo(RebuiltLine.of("{\"event_id\": \"odd\","
                + " \"song_name\": \"back\\\\slash \\\"quote\\\" tab\\t nl\\n nul\\u0000 é\","
                + " \"extra\": {\"nested\": [1, 2]}, \"country\": null, \"duration_ms\": \"42\", \"song_id\": 7,"
                + " \"event_id\": \"again\"}"));
        assertThat(RebuiltLine.fromBronze(second)).isEqualTo(RebuiltLine.of(odd));
    }

    /**
     * DuckDB reads a line in Playstream's own encoding with one parse (DuckDbPlainLine): lines
     * written the same way, compact and in table order, but holding a member the columns cannot,
     * must still be rescued, and the plain ones rebuilt whole.
     */
    @Test
    void compactLinesInTableOrderAreRescuedExactlyWhenAMemberDoesNotFitItsColumn() throws Exception {
        String plain = "{\"event_id\":\"e1\",\"user_id\":\"u1\",\"song_id\":\"s1\",\"artist_name\":\"A\",\"song_name\":\"S\","
                + "\"event_type\":\"play\",\"device_type\":\"web\",\"country\":\"US\",\"timestamp\":\"2025-12-10T15:00:00Z\","
                + "\"position_ms\":49,\"duration_ms\":180000}";
        Map<String, String> rescued = new java.util.LinkedHashMap<>();
        rescued.put(plain.replace("\"position_ms\":49", "\"position_ms\":true"), "{\"position_ms\":true}");
        rescued.put(plain.replace("\"position_ms\":49", "\"position_ms\":\"49\""), "{\"position_ms\":\"49\"}");
        rescued.put(plain.replace("\"position_ms\":49", "\"position_ms\":49.0"), "{\"position_ms\":49.0}");
        rescued.put(plain.replace("\"position_ms\":49", "\"position_ms\":[49]"), "{\"position_ms\":[49]}");
        rescued.put(plain.replace("\"country\":\"US\"", "\"country\":7"), "{\"country\":7}");
        rescued.put(plain.replace("\"country\":\"US\"", "\"country\":null"), "{\"country\":null}");
        rescued.put(plain.replace("\"country\":\"US\"", "\"country\":{\"a\":\"US\"}"), "{\"country\":{\"a\":\"US\"}}");
        rescued.put(plain.replace("}", ",\"duration_ms\":180000}"), "{\"duration_ms\":180000,\"duration_ms\":180000}");
        rescued.put(plain.replace("}", ",\"mood\":\"x\"}"), "{\"mood\":\"x\"}");
        List<String> whole = List.of(plain, "{}", "{\"event_id\":\"e1\"}", "{\"song_id\":\"s1\",\"schema_version\":3}",
                plain.replace("\"S\"", "\"S\\u0041\""), plain.replace(",", ", "));
        List<String> lines = new ArrayList<>(rescued.keySet());
        lines.addAll(whole);
        BronzeFiles.put(store, BronzeFiles.key(0, HOUR_15).value(), lines);

        loader().load();

        for (int i = 0; i < lines.size(); i++) {
            Map<String, String> row = row("select * from bronze.spotify_events where _line_number = " + (i + 1));
            String expected = rescued.get(lines.get(i));
            if (expected == null) {
                assertThat(row.get("_rescued")).as(lines.get(i)).isNull();
            } else {
                assertThat(row.get("_rescued")).as(lines.get(i)).isNotNull();
                assertThat(RebuiltLine.of(row.get("_rescued"))).as(lines.get(i)).isEqualTo(RebuiltLine.of(expected));
            }
            assertThat(RebuiltLine.fromBronze(row)).as(lines.get(i)).isEqualTo(RebuiltLine.of(lines.get(i)));
        }
        assertThat(row("select * from bronze.spotify_events where _line_number = " + (rescued.size() + 1)))
                .containsEntry("position_ms", "49").containsEntry("country", "US").containsEntry("schema_version", null);
    }

    @Test
    void keepingRawKeepsEveryLineByteForByte() throws Exception {
        String key = BronzeFiles.key(0, HOUR_15).value();
        List<String> lines = List.of(BronzeFiles.events(7, 1, HOUR_15).get(0), "{\"event_id\": \"x\", \"mood\": [1]}");
        BronzeFiles.put(store, key, lines);

        new BronzeLoader(warehouse, store, LoaderSettings.DEFAULTS.withKeepRaw(true), LoadListener.NONE).load();

        assertThat(strings("select _raw from bronze.spotify_events order by _line_number")).isEqualTo(lines);
        assertThat(strings("select _rescued from bronze.spotify_events order by _line_number").get(1))
                .isEqualTo("{\"mood\":[1]}");
    }

    @Test
    void aBronzeFromBeforeRescuedGainsTheColumnAndItsRowsKeepTheirRaw() throws Exception {
        String old = BronzeFiles.events(0, 1, HOUR_15).get(0);
        try (Connection connection = warehouse.connect(); Statement statement = connection.createStatement()) {
            statement.execute("create schema bronze");
            String fields = BronzeTables.FIELD_COLUMNS.stream().map(c -> c + " varchar")
                    .collect(java.util.stream.Collectors.joining(", "));
            statement.execute("create table bronze.spotify_events (" + fields
                    + ", _raw varchar, _source_object varchar, _line_number bigint, _loaded_at timestamp)");
            statement.execute("insert into bronze.spotify_events (event_id, _raw, _source_object, _line_number, _loaded_at)"
                    + " values ('old', " + SqlLiterals.string(old) + ", 'bronze/old.jsonl', 1, timestamp '2025-12-10 15:00:00')");
        }
        BronzeFiles.put(store, BronzeFiles.key(5, HOUR_15).value(), BronzeFiles.events(5, 2, HOUR_15));

        loader().load();

        assertThat(strings("select _raw from bronze.spotify_events where event_id = 'old'")).containsExactly(old);
        assertThat(count("select count(*) from bronze.spotify_events where _raw is null and _rescued is null")).isEqualTo(2);
        assertThat(rows("select * from bronze.spotify_events").get(0).keySet()).containsExactlyElementsOf(
                BronzeTables.EVENT_COLUMNS);
    }

    @Test
    void aChangedObjectReplacesItsRows() throws Exception {
        String key = BronzeFiles.key(0, HOUR_15).value();
        BronzeFiles.put(store, key, BronzeFiles.events(0, 5, HOUR_15));
        BronzeFiles.put(store, BronzeFiles.key(100, HOUR_15).value(), BronzeFiles.events(100, 2, HOUR_15));
        loader().load();

        BronzeFiles.put(store, key, BronzeFiles.events(50, 3, HOUR_15));
        LoadResult reload = loader().load();

        assertThat(reload.objects()).isEqualTo(1);
        assertThat(reload.replacedObjects()).isEqualTo(1);
        assertThat(count("select count(*) from bronze.spotify_events")).isEqualTo(5);
        assertThat(strings("select event_id from bronze.spotify_events where _source_object = '" + key + "'"))
                .containsExactlyInAnyOrderElementsOf(BronzeFiles.events(50, 3, HOUR_15).stream()
                        .map(l -> l.substring(13, 49)).toList());
        assertThat(count("select row_count from bronze._load_manifest where object_key = '" + key + "'")).isEqualTo(3);
    }

    @Test
    void aCrashBetweenRowsAndManifestCommitsNothing() throws Exception {
        for (int i = 0; i < 2; i++) {
            BronzeFiles.put(store, BronzeFiles.key(i * 10L, HOUR_15).value(), BronzeFiles.events(i * 10L, 10, HOUR_15));
        }
        BronzeFiles.put(store, BronzeFiles.key(90, HOUR_15).value(), List.of("not json"));
        LoadListener crash = new LoadListener() {
            @Override
            public void rowsWritten(List<String> objectKeys) {
                throw new IllegalStateException("injected crash");
            }
        };

        assertThatThrownBy(() -> loader(crash).load()).hasMessage("injected crash");

        assertThat(count("select count(*) from bronze.spotify_events")).isZero();
        assertThat(count("select count(*) from bronze._rejected_lines")).isZero();
        assertThat(count("select count(*) from bronze._load_manifest")).isZero();
        LoadResult retry = loader().load();
        assertThat(retry.rows()).isEqualTo(20);
        assertThat(retry.rejectedLines()).isEqualTo(1);
        assertThat(count("select count(*) from bronze.spotify_events")).isEqualTo(20);
    }

    @Test
    void twoConcurrentLoadsNeitherDuplicateNorBothWork() throws Exception {
        for (int i = 0; i < 4; i++) {
            BronzeFiles.put(store, BronzeFiles.key(i * 10L, HOUR_15).value(), BronzeFiles.events(i * 10L, 10, HOUR_15));
        }
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LoadListener holdFirstBatch = holdingBatchOpen(firstInside, release);

        CompletableFuture<LoadResult> first = CompletableFuture.supplyAsync(() -> loader(holdFirstBatch).load());
        await(firstInside);
        CompletableFuture<LoadResult> second = CompletableFuture.supplyAsync(() -> loader().load());
        awaitALoadWaitingForTheLock();
        release.countDown();

        assertThat(first.get(30, TimeUnit.SECONDS).objects()).isEqualTo(4);
        assertThat(second.get(30, TimeUnit.SECONDS).objects()).isZero();
        assertThat(count("select count(*) from bronze.spotify_events")).isEqualTo(40);
        assertThat(count("select count(distinct event_id) from bronze.spotify_events")).isEqualTo(40);
    }

    /**
     * "Start load A, let load B commit, then commit A" cannot happen: B waits on the load lock
     * while A's batch is open, and is stamped (at its batch's start) after A committed, so within
     * one clock a batch that commits later carries a later {@code _loaded_at}.
     */
    @Test
    void aLoadStartedWhileAnotherIsOpenWaitsAndIsStampedAfterIt() throws Exception {
        String firstKey = BronzeFiles.key(0, HOUR_15).value();
        BronzeFiles.put(store, firstKey, BronzeFiles.events(0, 10, HOUR_15));
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LoadListener holdFirstBatch = holdingBatchOpen(firstInside, release);
        CompletableFuture<LoadResult> first = CompletableFuture.supplyAsync(() -> loader(holdFirstBatch).load());
        await(firstInside);
        String laterKey = BronzeFiles.key(10, HOUR_15).value();
        BronzeFiles.put(store, laterKey, BronzeFiles.events(10, 10, HOUR_15));

        CompletableFuture<LoadResult> second = CompletableFuture.supplyAsync(() -> loader().load());
        awaitALoadWaitingForTheLock();
        assertThat(second).isNotDone();
        assertThat(count("select count(*) from bronze.spotify_events")).as("nothing committed while the first batch is open").isZero();
        release.countDown();

        assertThat(first.get(30, TimeUnit.SECONDS).objects()).isEqualTo(1);
        assertThat(second.get(30, TimeUnit.SECONDS).objects()).isEqualTo(1);
        assertThat(count("select count(*) from bronze.spotify_events where _loaded_at > (select max(_loaded_at)"
                + " from bronze.spotify_events where _source_object = '" + firstKey + "') and _source_object = '" + laterKey + "'"))
                .isEqualTo(10);
    }

    /** Whether a load is queued on this warehouse's load lock right now. */
    abstract boolean aLoadWaitsForTheLock() throws Exception;

    @Test
    void anIntervalLoadsOnlyTheHoursStartingWithinIt() throws Exception {
        BronzeFiles.put(store, BronzeFiles.key(0, HOUR_15).value(), BronzeFiles.events(0, 3, HOUR_15));
        BronzeFiles.put(store, BronzeFiles.key(3, HOUR_16).value(), BronzeFiles.events(3, 4, HOUR_16));

        LoadResult sixteen = loader().load(Optional.of(new LoadInterval(HOUR_16, HOUR_16.plusSeconds(3600))));
        LoadResult rest = loader().load();

        assertThat(sixteen.objects()).isEqualTo(1);
        assertThat(sixteen.rows()).isEqualTo(4);
        assertThat(rest.objects()).isEqualTo(1);
        assertThat(rest.rows()).isEqualTo(3);
    }

    @Test
    void theOriginalPipelinesBucketLoadsEveryFixtureEventUnchanged() throws Exception {
        Path bucket = FIXTURES.resolve("seed-bucket");
        try (Stream<Path> files = Files.walk(bucket)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                store.put(bucket.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        List<String> expected = Files.readAllLines(FIXTURES.resolve("seed-events.ndjson"), StandardCharsets.UTF_8);

        LoadResult result = loader().load();

        assertThat(result.objects()).isEqualTo(71);
        assertThat(result.rows()).isEqualTo(710);
        assertThat(result.rejectedLines()).isZero();
        Map<String, RebuiltLine> rawById = new HashMap<>();
        for (Map<String, String> row : rows("select * from bronze.spotify_events")) {
            rawById.put(row.get("event_id"), RebuiltLine.fromBronze(row));
        }
        Map<String, RebuiltLine> expectedById = new HashMap<>();
        for (String line : expected) {
            expectedById.put(line.substring(14, 50), RebuiltLine.of(line));
        }
        assertThat(rawById).hasSize(710).isEqualTo(expectedById);
        assertThat(count("select max(_line_number) from bronze.spotify_events")).isEqualTo(10);
    }

    @Test
    void linesThatAreNotJsonObjectsAreKeptAsideWithTheirLineNumbers() throws Exception {
        String key = BronzeFiles.key(0, HOUR_15).value();
        String good = BronzeFiles.events(0, 1, HOUR_15).get(0);
        BronzeFiles.put(store, key, List.of(good, "not json at all", "[1, 2]", "", "{\"event_id\": \"only\"}",
                "{\"event_id\": 17, \"position_ms\": \"soon\"}", "\"a string\"", "{\"truncated\": "));

        LoadResult result = loader().load();

        assertThat(result.rows()).isEqualTo(3);
        assertThat(result.rejectedLines()).isEqualTo(5);
        List<Map<String, String>> rejected = rows(
                "select line_number, reason, raw_line, object_key from bronze._rejected_lines order by line_number");
        assertThat(rejected).extracting(r -> r.get("line_number")).containsExactly("2", "3", "4", "7", "8");
        assertThat(rejected).extracting(r -> r.get("reason")).containsExactly("not valid JSON",
                "JSON array, not an object", "empty line", "JSON string, not an object", "not valid JSON");
        assertThat(rejected).extracting(r -> r.get("raw_line")).containsExactly("not json at all", "[1, 2]", "",
                "\"a string\"", "{\"truncated\": ");
        assertThat(rejected).extracting(r -> r.get("object_key")).containsOnly(key);
        assertThat(strings("select event_id from bronze.spotify_events order by _line_number"))
                .containsExactly(good.substring(13, 49), "only", "17");
        assertThat(count("select rejected_lines from bronze._load_manifest")).isEqualTo(5);
    }

    @Test
    void everyLineOfABatchOfManyObjectsKeepsItsOwnObjectAndLineNumber() throws Exception {
        // one batch: objects of many sizes, gzip beside the original pipeline's plain objects, bad lines here and there
        Map<String, List<String>> objects = new HashMap<>();
        for (int i = 0; i < 12; i++) {
            List<String> lines = new ArrayList<>(BronzeFiles.events(i * 100L, 1 + i * 37 % 90, HOUR_15));
            if (i % 4 == 1) {
                lines.add(i % lines.size(), "not json " + i);
            }
            if (i % 3 == 2) {
                String key = "bronze/date=2025-12-10/hour=15/spotify_events_2025-12-10T15-" + (10 + i) + "-00.json";
                store.put(key, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
                objects.put(key, lines);
            } else {
                String key = BronzeFiles.key(i * 100L, HOUR_15).value();
                BronzeFiles.put(store, key, lines);
                objects.put(key, lines);
            }
        }

        LoadResult result = new BronzeLoader(warehouse, store).load();

        assertThat(result.objects()).isEqualTo(12);
        assertThat(result.rows() + result.rejectedLines()).isEqualTo(objects.values().stream().mapToLong(List::size).sum());
        assertThat(result.rejectedLines()).isEqualTo(3);
        List<Map<String, String>> events = rows("select * from bronze.spotify_events");
        List<Map<String, String>> rejected = rows("select object_key, line_number, raw_line from bronze._rejected_lines");
        assertThat(events.size() + rejected.size()).isEqualTo((int) (result.rows() + result.rejectedLines()));
        assertThat(events).allSatisfy(row -> assertThat(RebuiltLine.fromBronze(row)).isEqualTo(RebuiltLine.of(
                objects.get(row.get("_source_object")).get(Integer.parseInt(row.get("_line_number")) - 1))));
        assertThat(rejected).allSatisfy(row -> assertThat(row.get("raw_line"))
                .isEqualTo(objects.get(row.get("object_key")).get(Integer.parseInt(row.get("line_number")) - 1)));
    }

    @Test
    void anUnreadableObjectIsKeptAsideWhileTheRestOfItsBatchLoadsAndAFixedVersionLoadsLater() throws Exception {
        String truncated = BronzeFiles.key(10, HOUR_15).value();
        String garbage = BronzeFiles.key(30, HOUR_15).value();
        for (long offset : List.of(0L, 20L)) {
            BronzeFiles.put(store, BronzeFiles.key(offset, HOUR_15).value(), BronzeFiles.events(offset, 5, HOUR_15));
        }
        byte[] whole = BronzeFiles.gzip(String.join("\n", BronzeFiles.events(10, 500, HOUR_15)) + "\n");
        store.put(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
        store.put(garbage, "this was never gzip".getBytes(StandardCharsets.UTF_8));

        LoadResult result = loader().load();

        assertThat(result.objects()).isEqualTo(4);
        assertThat(result.rows()).isEqualTo(10);
        assertThat(count("select count(*) from bronze.spotify_events")).isEqualTo(10);
        List<Map<String, String>> rejected = rows(
                "select object_key, line_number, reason, raw_line from bronze._rejected_lines order by object_key");
        assertThat(rejected).extracting(r -> r.get("object_key")).containsExactly(truncated, garbage);
        assertThat(rejected).extracting(r -> r.get("line_number")).containsOnly("0");
        assertThat(rejected).extracting(r -> r.get("reason")).allSatisfy(
                reason -> assertThat(reason).startsWith(UnreadableObjects.REASON_PREFIX).hasSizeGreaterThan(
                        UnreadableObjects.REASON_PREFIX.length()));
        assertThat(count("select count(*) from bronze._load_manifest")).isEqualTo(4);
        assertThat(loader().load().isEmpty()).isTrue();

        BronzeFiles.put(store, truncated, BronzeFiles.events(10, 4, HOUR_15));
        LoadResult fixed = loader().load();

        assertThat(fixed.objects()).isEqualTo(1);
        assertThat(fixed.replacedObjects()).isEqualTo(1);
        assertThat(fixed.rows()).isEqualTo(4);
        assertThat(strings("select object_key from bronze._rejected_lines")).containsExactly(garbage);
        assertThat(count("select count(*) from bronze.spotify_events where _source_object = '" + truncated + "'"))
                .isEqualTo(4);
        assertThat(count("select row_count from bronze._load_manifest where object_key = '" + truncated + "'"))
                .isEqualTo(4);
    }

    @Test
    void keysThatAreNotBronzeKeysAreCountedAndNeverRead() throws Exception {
        BronzeFiles.put(store, BronzeFiles.key(0, HOUR_15).value(), BronzeFiles.events(0, 2, HOUR_15));
        store.put("bronze/date=2025-12-10/hour=15/x'; drop table bronze.spotify_events; --.jsonl.gz",
                BronzeFiles.gzip("{}\n"));
        store.put("bronze/notes.txt", "hello".getBytes(StandardCharsets.UTF_8));
        ObjectStore hostile = new HostileListing(store, List.of("bronze/../outside.jsonl.gz",
                "bronze/date=2025-12-10/hour=15/../../../etc/passwd", "bronze//date=2025-12-10/x.jsonl.gz"));

        LoadResult result = new BronzeLoader(warehouse, hostile).load();

        assertThat(result.objects()).isEqualTo(1);
        assertThat(result.skippedKeys()).isEqualTo(5);
        assertThat(count("select count(*) from bronze.spotify_events")).isEqualTo(2);
        assertThat(count("select count(*) from bronze._load_manifest")).isEqualTo(1);
    }

    /** A real store whose listing also holds keys a hostile bucket could return; reading one fails the test. */
    private static final class HostileListing implements ObjectStore {
        private final ObjectStore real;
        private final List<String> extraKeys;

        HostileListing(ObjectStore real, List<String> extraKeys) {
            this.real = real;
            this.extraKeys = extraKeys;
        }

        @Override
        public Stream<ObjectInfo> list(String prefix) {
            Stream<ObjectInfo> extra = extraKeys.stream().map(k -> new ObjectInfo(k, 10, "e", Instant.EPOCH));
            return Stream.concat(real.list(prefix), extra);
        }

        @Override
        public InputStream open(String key) {
            if (extraKeys.contains(key)) {
                throw new AssertionError("the loader read hostile key " + key);
            }
            return real.open(key);
        }

        @Override
        public void put(String key, byte[] body) {
            real.put(key, body);
        }

        @Override
        public Optional<ObjectInfo> stat(String key) {
            return real.stat(key);
        }

        @Override
        public void delete(String key) {
            real.delete(key);
        }

        @Override
        public String describe() {
            return "hostile " + real.describe();
        }
    }

    // ---- helpers

    /** Holds a batch open (rows written, not committed) after counting {@code inside} down, until {@code release}. */
    static LoadListener holdingBatchOpen(CountDownLatch inside, CountDownLatch release) {
        return new LoadListener() {
            @Override
            public void rowsWritten(List<String> objectKeys) {
                inside.countDown();
                await(release);
            }
        };
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls, since how long the other thread takes to reach the load lock is not ours to know. */
    private void awaitALoadWaitingForTheLock() {
        Await.until(this::aLoadWaitsForTheLock, Duration.ofSeconds(20), () -> "no load waits for the load lock");
    }

    long count(String sql) throws SQLException {
        try (Connection connection = warehouse.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    List<String> strings(String sql) throws SQLException {
        return rows(sql).stream().map(r -> r.values().iterator().next()).toList();
    }

    Map<String, String> row(String sql) throws SQLException {
        List<Map<String, String>> rows = rows(sql);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    List<Map<String, String>> rows(String sql) throws SQLException {
        List<Map<String, String>> result = new ArrayList<>();
        try (Connection connection = warehouse.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                Map<String, String> row = new java.util.LinkedHashMap<>();
                for (int i = 1; i <= columns; i++) {
                    row.put(rows.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rows.getString(i));
                }
                result.add(row);
            }
        }
        return result;
    }

}
