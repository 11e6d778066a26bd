package io.playstream.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.testing.ScratchPostgres;
import io.playstream.transform.RunSummary;
import io.playstream.transform.TransformOptions;
import io.playstream.transform.TransformRunner;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A load batch that commits after a batch silver already took in, yet carries an earlier
 * {@code _loaded_at}, still reaches silver. Within one clock this cannot happen: loads serialise
 * on the warehouse's load lock until their last commit and stamp each batch when it begins
 * ({@link BronzeLoaderContractTest#aLoadStartedWhileAnotherIsOpenWaitsAndIsStampedAfterIt}). It
 * happens with two clocks: a second app instance whose host clock is behind, loading into the
 * same PostgreSQL (or Snowflake), or a clock stepped back. Provoked here for real with the
 * loader on a clock an hour behind, inside the project's {@code late_data_lookback_hours} (3).
 */
class LateStampedBatchIT {

    private static final Instant HOUR = Instant.parse("2025-12-10T15:00:00Z");
    private static final Duration HOST_CLOCK_BEHIND = Duration.ofHours(1);
    private static final long COPIED_EVENT = 5;

    @TempDir
    Path dir;

    @Test
    void aBatchStampedBeforeOneSilverTookInStillReachesSilverOnDuckDb() throws Exception {
        try (Warehouse warehouse = Warehouses.open("duckdb:" + dir.resolve("warehouse.duckdb"), Map.of())) {
            assertTheLateStampedBatchReachesSilver(warehouse);
        }
    }

    @Test
    void aBatchStampedBeforeOneSilverTookInStillReachesSilverOnPostgres() throws Exception {
        try (ScratchPostgres database = ScratchPostgres.create("late_stamped_batch");
                Warehouse warehouse = database.warehouse()) {
            assertTheLateStampedBatchReachesSilver(warehouse);
        }
    }

    private void assertTheLateStampedBatchReachesSilver(Warehouse warehouse) throws Exception {
        FileSystemObjectStore store = new FileSystemObjectStore(dir.resolve("lake"));
        String first = BronzeFiles.key(0, HOUR).value();
        BronzeFiles.put(store, first, BronzeFiles.events(0, 100, HOUR));
        new BronzeLoader(warehouse, store).load();
        assertThat(transform(warehouse, "first").succeeded()).isTrue();
        assertThat(count(warehouse, "select count(*) from silver.stg_events")).isEqualTo(100);

        // the second batch: 100 new events and a copy of one event of the first batch
        String second = BronzeFiles.key(100, HOUR).value();
        List<String> lines = new ArrayList<>(BronzeFiles.events(100, 100, HOUR));
        lines.addAll(BronzeFiles.events(COPIED_EVENT, 1, HOUR));
        BronzeFiles.put(store, second, lines);
        Clock behind = Clock.offset(Clock.systemUTC(), HOST_CLOCK_BEHIND.negated());
        new BronzeLoader(warehouse, store, LoaderSettings.DEFAULTS, LoadListener.NONE, behind).load();
        assertThat(loadedAt(warehouse, second)).as("committed later, stamped earlier").isBefore(loadedAt(warehouse, first));

        RunSummary run = transform(warehouse, "second");

        // every project test passed too: bronze rows = silver + quarantine, gold totals = silver's
        assertThat(run.succeeded()).isTrue();
        assertThat(count(warehouse, "select count(*) from silver.stg_events")).isEqualTo(200);
        assertThat(count(warehouse, "select count(*) from silver.stg_events where _source_object = '" + second + "'"))
                .as("the earliest stamped copy wins, as a full build would choose").isEqualTo(101);
        assertThat(count(warehouse, "select count(*) from silver.stg_events_quarantine where reject_reason = 'duplicate_event_id'"
                + " and _source_object = '" + first + "'")).isEqualTo(1);
        assertThat(count(warehouse, "select sum(events) from gold.user_engagement")).isEqualTo(200);
    }

    private RunSummary transform(Warehouse warehouse, String name) {
        Path project = Path.of(System.getProperty("playstream.dbt.project", "../dbt"));
        return new TransformRunner(warehouse, line -> { })
                .run(TransformOptions.of(project).withTargetPath(dir.resolve("target-" + name)));
    }

    private static Instant loadedAt(Warehouse warehouse, String objectKey) throws Exception {
        try (Connection c = warehouse.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select max(_loaded_at) from bronze.spotify_events where _source_object = '"
                        + objectKey + "'")) {
            rs.next();
            return rs.getObject(1, Timestamp.class).toInstant();
        }
    }

    private static long count(Warehouse warehouse, String sql) throws Exception {
        try (Connection c = warehouse.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
