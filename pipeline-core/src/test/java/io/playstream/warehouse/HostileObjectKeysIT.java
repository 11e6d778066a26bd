package io.playstream.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.objectstore.ObjectStore;
import io.playstream.objectstore.S3ObjectStore;
import io.playstream.objectstore.S3ServerExtension;
import io.playstream.transform.JdbcWarehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A bucket (on a real S3 server) and a local folder holding keys a hostile or careless writer could
 * leave: path traversal, percent-encoded dots, backslashes, control characters, very long names,
 * odd Unicode, symbolic links out of the folder. Each body is a valid bronze file, so reading one
 * would show up as rows. The loader loads the two good objects beside them and nothing else, counts
 * each refused key and logs why.
 */
class HostileObjectKeysIT {

    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();

    private static final Instant HOUR = Instant.parse("2025-12-10T15:00:00Z");
    private static final String HOUR_FOLDER = "bronze/date=2025-12-10/hour=15/";
    private static final String FILE = "+0+0000000000000000000.jsonl.gz";

    /**
     * Hostile keys with the reason the loader must log for each. S3 itself stores any key, but
     * S3Proxy keeps objects in a file system that resolves {@code .} and {@code ..} segments, so
     * traversal keys are tested on the loader with a listing stand-in (BronzeLoaderContractTest).
     */
    private static final Map<String, String> S3_KEYS = Map.ofEntries(
            Map.entry(HOUR_FOLDER + "%2e%2e/%2e%2e/h" + FILE, "not a bronze object key"),
            Map.entry(HOUR_FOLDER + "%2e%2e%2f%2e%2e%2fh" + FILE, "not a bronze object key"),
            Map.entry(HOUR_FOLDER + "..\\..\\h" + FILE, "backslash"),
            Map.entry(HOUR_FOLDER + "h" + FILE + "\n", "control character"),
            Map.entry(HOUR_FOLDER + "\u001b[31mred" + FILE, "control character"),
            Map.entry(HOUR_FOLDER + "h".repeat(300) + FILE, "not a bronze object key"),
            Map.entry("bronze/" + "d/".repeat(520) + "h" + FILE, "longer than 1024 characters"),
            Map.entry(HOUR_FOLDER + "caf\u00e9\u202e" + FILE, "not a bronze object key"),
            Map.entry("bronze/date=\uff12\uff10\uff12\uff15-12-10/hour=15/h" + FILE, "not a bronze object key"),
            Map.entry(HOUR_FOLDER + "h" + FILE + ".exe", "not a bronze object key"));

    @TempDir
    Path dir;

    private final List<ILoggingEvent> warnings = new ArrayList<>();
    private ListAppender<ILoggingEvent> appender;

    @BeforeEach
    void captureTheLoadersWarnings() {
        appender = new ListAppender<>() {
            @Override
            protected void append(ILoggingEvent event) {
                warnings.add(event);
            }
        };
        appender.start();
        ((Logger) LoggerFactory.getLogger(ObjectDiscovery.class)).addAppender(appender);
    }

    @AfterEach
    void release() {
        ((Logger) LoggerFactory.getLogger(ObjectDiscovery.class)).detachAppender(appender);
    }

    @Test
    void aHostileBucketOnARealS3ServerLoadsOnlyItsGoodObjects() throws Exception {
        String bucket = S3.createBucket();
        try (ObjectStore store = new S3ObjectStore(S3.config(bucket))) {
            putGoodObjects(store);
            S3_KEYS.keySet().forEach(key -> S3.server().putDirectly(bucket, key, bronzeBody(key)));

            LoadResult result = load(store);

            assertOnlyTheGoodObjectsLoaded(result, S3_KEYS.size());
            S3_KEYS.forEach((key, reason) -> assertThat(warnings).as(key)
                    .anySatisfy(w -> assertThat(w.getFormattedMessage()).contains(printable(key)).contains(reason)));
            assertThat(warnings).allSatisfy(w -> assertThat(w.getFormattedMessage()).doesNotContain("\n", "\u001b"));
        }
    }

    @Test
    void aHostileLocalFolderLoadsOnlyItsGoodObjectsAndFollowsNoLink() throws Exception {
        Path root = dir.resolve("lake");
        FileSystemObjectStore store = new FileSystemObjectStore(root);
        putGoodObjects(store);
        Path hour = root.resolve(HOUR_FOLDER);
        List<String> names = List.of("..\\..\\h" + FILE, "h" + FILE + "\n", "\u001b[31mred" + FILE,
                "%2e%2e%2fh" + FILE, "caf\u00e9\u202e" + FILE, "t".repeat(220) + "~" + FILE);
        for (String name : names) {
            Files.write(hour.resolve(name), bronzeBody(name));
        }
        Files.createDirectories(hour.resolve("%2e%2e"));
        Files.write(hour.resolve("%2e%2e").resolve("h" + FILE), bronzeBody("nested"));
        Path deep = Files.createDirectories(hour.resolve(String.join("/", java.util.Collections.nCopies(5, "d".repeat(220)))));
        Files.write(deep.resolve("h" + FILE), bronzeBody("deep"));
        // links out of the folder, named like real bronze objects and folders: never followed
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path secret = Files.write(outside.resolve("secret.jsonl.gz"), bronzeBody("outside"));
        Files.createSymbolicLink(hour.resolve("linked+0+0000000000000000000.jsonl.gz"), secret);
        Files.createDirectories(outside.resolve("hour=16"));
        Files.write(outside.resolve("hour=16").resolve("linked+0+0000000000000000000.jsonl.gz"), bronzeBody("dir"));
        Files.createSymbolicLink(root.resolve("bronze/date=2025-12-10/hour=16"), outside.resolve("hour=16"));

        LoadResult result = load(store);

        assertOnlyTheGoodObjectsLoaded(result, names.size() + 2);
        assertThat(warnings).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(m -> assertThat(m).contains("backslash"))
                .anySatisfy(m -> assertThat(m).contains("longer than 1024 characters"))
                .anySatisfy(m -> assertThat(m).contains("control character"))
                .allSatisfy(m -> assertThat(m).doesNotContain("\n", "\u001b"));
    }

    private LoadResult load(ObjectStore store) {
        return new BronzeLoader(JdbcWarehouse.duckdb(dir.resolve("warehouse.duckdb")), store).load();
    }

    private void assertOnlyTheGoodObjectsLoaded(LoadResult result, int hostileKeys) throws Exception {
        assertThat(result.objects()).isEqualTo(2);
        assertThat(result.rows()).isEqualTo(6);
        assertThat(result.skippedKeys()).isEqualTo(hostileKeys);
        Warehouse warehouse = JdbcWarehouse.duckdb(dir.resolve("warehouse.duckdb"));
        try (Connection c = warehouse.connect(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("select count(*), count(distinct _source_object), "
                        + "count(case when event_id like 'hostile%' then 1 end) from bronze.spotify_events")) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(6);
            assertThat(rows.getLong(2)).isEqualTo(2);
            assertThat(rows.getLong(3)).as("rows read from a hostile key").isZero();
        }
    }

    private static void putGoodObjects(ObjectStore store) {
        BronzeFiles.put(store, BronzeFiles.key(0, HOUR).value(), BronzeFiles.events(0, 3, HOUR));
        BronzeFiles.put(store, BronzeFiles.key(3, HOUR).value(), BronzeFiles.events(3, 3, HOUR));
    }

    /** A valid bronze file whose one event names the key it was stored under. */
    private static byte[] bronzeBody(String key) {
        String line = "{\"event_id\":\"hostile-" + Integer.toHexString(key.hashCode()) + "\",\"user_id\":\"u\",\"song_id\":\"s\","
                + "\"artist_name\":\"a\",\"song_name\":\"n\",\"event_type\":\"play\",\"device_type\":\"web\",\"country\":\"US\","
                + "\"timestamp\":\"2025-12-10T15:30:00Z\"}\n";
        return BronzeFiles.gzip(line);
    }

    /** The start of the key as the log shows it: control characters replaced, long keys cut. */
    private static String printable(String key) {
        String shown = key.replaceAll("[\\p{Cntrl}\\p{Cf}]", "?");
        return shown.substring(0, Math.min(shown.length(), 150));
    }

}
