package io.playstream.warehouse;

import static java.util.Objects.requireNonNull;

import io.playstream.objectstore.ObjectStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Loads bronze objects into the warehouse exactly once (CONTRACTS.md §3). Under the warehouse's load
 * lock it creates what is missing of the bronze contract, reads the manifest, lists {@code bronze/}
 * (or looks up only the keys a sink announced, {@link #loadKeys}), and loads every object that is
 * new or whose etag changed, in batches: each batch deletes the old
 * rows of changed objects, bulk-loads the lines and records the manifest rows in ONE transaction.
 * A crash leaves the warehouse as it was before the open batch; a second load waits for the lock
 * and finds nothing left. Objects load in key order.
 */
public final class BronzeLoader {

    private static final Logger LOG = LoggerFactory.getLogger(BronzeLoader.class);

    private final Warehouse warehouse;
    private final ObjectStore store;
    private final LoaderSettings settings;
    private final LoadListener listener;
    private final Clock clock;
    private LocalDateTime lastLoadedAt = LocalDateTime.MIN;

    public BronzeLoader(Warehouse warehouse, ObjectStore store, LoaderSettings settings, LoadListener listener) {
        this(warehouse, store, settings, listener, Clock.systemUTC());
    }

    BronzeLoader(Warehouse warehouse, ObjectStore store, LoaderSettings settings, LoadListener listener, Clock clock) {
        this.warehouse = requireNonNull(warehouse, "warehouse");
        this.store = requireNonNull(store, "store");
        this.settings = requireNonNull(settings, "settings");
        this.listener = requireNonNull(listener, "listener");
        this.clock = requireNonNull(clock, "clock");
    }

    public BronzeLoader(Warehouse warehouse, ObjectStore store) {
        this(warehouse, store, LoaderSettings.DEFAULTS, LoadListener.NONE);
    }

    /** Loads everything not loaded yet. */
    public LoadResult load() {
        return load(Optional.empty());
    }

    /** Loads what is not loaded yet of the objects whose hour starts within {@code interval}, if given. */
    public LoadResult load(Optional<LoadInterval> interval) {
        return underLock(connection -> ObjectDiscovery.plan(store, LoadManifest.read(connection), interval), Map.of());
    }

    /**
     * Loads what is not loaded yet of {@code keys}, as a sink announced them, without listing the
     * store (late events land in old hour folders, so a listing "since the last key" would miss
     * them; announced keys do not). Under the same lock and manifest as {@link #load()}, so loading
     * an object twice, by this or by a catch-up load, is a no-op. {@code watermarks} (partition to
     * completeness watermark, see {@link Completeness}) are recorded in the last batch's
     * transaction, or in one of their own when every key was loaded already.
     */
    public LoadResult loadKeys(List<String> keys, Map<String, Instant> watermarks) {
        List<String> unique = List.copyOf(new java.util.LinkedHashSet<>(keys));
        return underLock(connection -> ObjectDiscovery.planKeys(store, LoadManifest.read(connection, unique), unique),
                watermarks);
    }

    /** What to load, decided under the lock with the manifest at hand. */
    private interface Planner {
        ObjectDiscovery.Plan plan(Connection connection) throws SQLException;
    }

    private LoadResult underLock(Planner planner, Map<String, Instant> watermarks) {
        long started = System.nanoTime();
        BulkLoader bulk = warehouse.bulkLoader(store);
        try (WarehouseLock lock = warehouse.loadLock(); Connection connection = warehouse.connect()) {
            createTables(connection, bulk);
            ObjectDiscovery.Plan plan = planner.plan(connection);
            listener.planned(plan.pending().size(), plan.bytes());
            connection.setAutoCommit(false);
            Totals totals = new Totals();
            List<List<PendingObject>> batches = batches(plan.pending());
            for (int i = 0; i < batches.size(); i++) {
                totals.add(loadBatch(connection, bulk, batches.get(i), i == batches.size() - 1 ? watermarks : Map.of()));
            }
            if (batches.isEmpty() && !watermarks.isEmpty()) {
                recordWatermarks(connection, watermarks);
            }
            LoadResult result = new LoadResult(totals.objects, totals.replaced, totals.rows, totals.rejected,
                    totals.bytes, plan.upToDate(), plan.skippedKeys(), Duration.ofNanos(System.nanoTime() - started));
            // continuous mode asks again for objects another instance has loaded already: those empty loads are not news
            LOG.atLevel(result.objects() == 0 && result.skippedKeys() == 0 ? Level.DEBUG : Level.INFO)
                    .log("Load(warehouse={}, store={}, objects={}, rows={}, rejected={}, skippedKeys={}) took {} ms",
                    warehouse.describe(), store.describe(), result.objects(), result.rows(), result.rejectedLines(),
                    result.skippedKeys(), result.duration().toMillis());
            return result;
        } catch (SQLException e) {
            throw SqlFailures.classify("load into " + warehouse.describe() + " failed", e);
        }
    }

    private void recordWatermarks(Connection connection, Map<String, Instant> watermarks) throws SQLException {
        try {
            Completeness.recordPartitions(connection, watermarks, nextLoadedAt());
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollback(connection, e);
            throw e;
        }
    }

    private static void createTables(Connection connection, BulkLoader bulk) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : bulk.createStatements()) {
                statement.execute(sql);
            }
        }
    }

    /**
     * Loads the batch; when it fails, the objects that cannot be read at all are kept aside in a
     * transaction of their own and the rest of the batch is loaded again, so one broken object does
     * not hold back every object after it.
     */
    private Totals loadBatch(Connection connection, BulkLoader bulk, List<PendingObject> batch,
            Map<String, Instant> watermarks) throws SQLException {
        try {
            return writeBatch(connection, bulk, batch, watermarks);
        } catch (SQLException | RuntimeException e) {
            Map<String, String> unreadable = findUnreadable(connection, bulk, batch, e);
            if (unreadable.isEmpty()) {
                throw e;
            }
            List<PendingObject> rest = batch.stream().filter(o -> !unreadable.containsKey(o.value())).toList();
            Totals totals = keepAside(connection, batch.stream().filter(o -> unreadable.containsKey(o.value())).toList(),
                    unreadable, rest.isEmpty() ? watermarks : Map.of());
            if (!rest.isEmpty()) {
                totals.add(loadBatch(connection, bulk, rest, watermarks));
            }
            return totals;
        }
    }

    /** The batch's unreadable objects; none when the failure is not theirs (then {@code failure} stands). */
    private static Map<String, String> findUnreadable(Connection connection, BulkLoader bulk, List<PendingObject> batch,
            Exception failure) {
        try {
            Map<String, String> unreadable = UnreadableObjects.find(connection, bulk, batch);
            connection.rollback();
            return unreadable;
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
            return Map.of();
        }
    }

    private Totals keepAside(Connection connection, List<PendingObject> objects, Map<String, String> reasons,
            Map<String, Instant> watermarks) throws SQLException {
        LocalDateTime loadedAt = nextLoadedAt();
        try {
            List<String> replaced = objects.stream().filter(PendingObject::replaces).map(PendingObject::value).toList();
            if (!replaced.isEmpty()) {
                LoadManifest.forget(connection, replaced);
            }
            Map<String, ObjectCounts> counts = UnreadableObjects.keepAside(connection, reasons, loadedAt);
            LoadManifest.record(connection, objects, counts, loadedAt);
            Completeness.recordPartitions(connection, watermarks, loadedAt);
            connection.commit();
            reasons.forEach((key, reason) -> LOG.warn("Kept aside unreadable object key={}: {}", key, reason));
            return Totals.of(objects, counts, replaced.size());
        } catch (SQLException | RuntimeException e) {
            rollback(connection, e);
            throw e;
        }
    }

    private Totals writeBatch(Connection connection, BulkLoader bulk, List<PendingObject> batch,
            Map<String, Instant> watermarks) throws SQLException {
        List<String> keys = batch.stream().map(PendingObject::value).toList();
        LocalDateTime loadedAt = nextLoadedAt();
        try {
            List<String> replaced = batch.stream().filter(PendingObject::replaces).map(PendingObject::value).toList();
            if (!replaced.isEmpty()) {
                LoadManifest.forget(connection, replaced);
            }
            long start = System.nanoTime();
            Map<String, ObjectCounts> counts = bulk.load(connection, batch, loadedAt, settings.keepRaw());
            listener.rowsWritten(keys);
            long written = System.nanoTime();
            LoadManifest.record(connection, batch, counts, loadedAt);
            Completeness.recordPartitions(connection, watermarks, loadedAt);
            connection.commit();
            LOG.debug("Batch(objects={}) rows took {} ms, manifest and commit {} ms", batch.size(),
                    (written - start) / 1_000_000, (System.nanoTime() - written) / 1_000_000);
            Totals totals = Totals.of(batch, counts, replaced.size());
            listener.batchCommitted(batch.size(), totals.rows, totals.bytes);
            LOG.debug("Batch(objects={}, rows={}, first={}) committed", batch.size(), totals.rows, keys.get(0));
            return totals;
        } catch (SQLException | RuntimeException e) {
            rollback(connection, e);
            throw e;
        }
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e); // the server ends the transaction itself when the connection dies
        }
    }

    private List<List<PendingObject>> batches(List<PendingObject> pending) {
        List<List<PendingObject>> batches = new ArrayList<>();
        List<PendingObject> current = new ArrayList<>();
        long bytes = 0;
        for (PendingObject object : pending) {
            if (!current.isEmpty() && (current.size() >= settings.batchObjects()
                    || bytes + object.info().size() > settings.batchBytes())) {
                batches.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(object);
            bytes += object.info().size();
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    /** Unique per batch, since loaders find a batch's own rows by it. */
    private LocalDateTime nextLoadedAt() {
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        lastLoadedAt = now.isAfter(lastLoadedAt) ? now : lastLoadedAt.plusNanos(1000);
        return lastLoadedAt;
    }

    /** Running sums over the batches. */
    private static final class Totals {
        int objects;
        int replaced;
        long rows;
        long rejected;
        long bytes;

        static Totals of(List<PendingObject> batch, Map<String, ObjectCounts> counts, int replaced) {
            Totals totals = new Totals();
            totals.objects = batch.size();
            totals.replaced = replaced;
            for (PendingObject object : batch) {
                ObjectCounts c = counts.getOrDefault(object.value(), ObjectCounts.NONE);
                totals.rows += c.rows();
                totals.rejected += c.rejectedLines();
                totals.bytes += object.info().size();
            }
            return totals;
        }

        void add(Totals other) {
            objects += other.objects;
            replaced += other.replaced;
            rows += other.rows;
            rejected += other.rejected;
            bytes += other.bytes;
        }
    }

}
