package io.playstream.warehouse;

import io.playstream.PlaystreamException;
import io.playstream.objectstore.ObjectStore;
import io.playstream.warehouse.sql.Dialect;
import io.playstream.warehouse.sql.DuckDbDialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.duckdb.DuckDBConnection;

/**
 * A DuckDB database file. DuckDB lets one process write a file, so this JVM keeps one database
 * instance per file and hands out {@link DuckDBConnection#duplicate() duplicates} of it: the loader
 * and the transform runner share it, and a second process gets a clear "file is locked" error.
 * Inside the process, loads take turns, and so do transform runs, on a lock of the file's own
 * (DuckDB has no server to hold one). Loads read files themselves ({@link DuckDbBulkLoader}).
 * Every {@link #open} must be matched by a {@link #close}; the last one closes the file.
 */
public final class DuckDbWarehouse implements Warehouse {

    /**
     * How DuckDB checkpoints this file, set when it opens (for every connection: they are global).
     * A checkpoint writes what the log holds into the file, then vacuums: it merges row groups that
     * deletes left sparse, and the small ones each commit appends. By default a commit that finds
     * 16 MB of log checkpoints inside that commit and vacuums up to 100 merges per table: in
     * continuous mode at 5000 events/s that was every second or two, each stalling a commit 0.7 to
     * 1.3 s rewriting row groups (a micro-batch's delete+insert leaves several tables sparse), the
     * largest cost of a transform. Checkpointing at 256 MB of log lets the appends of several
     * micro-batches fill one row group before it is written, and two merges per table keep up
     * with what a checkpoint leaves while bounding what one commit waits for. Never vacuuming is
     * not the answer: the file grew to 900 MB in five minutes against 334 MB, and one vacuum of a
     * file left six minutes without took 48 s. README, "Checkpoints that no longer stall a commit",
     * has the measurements.
     */
    static final List<String> CHECKPOINT_SETTINGS = List.of("checkpoint_threshold = '256MB'", "max_vacuum_tasks = 2");

    /** The files open in this JVM: static because DuckDB's one-process-per-file rule is the JVM's, keyed by file. */
    private static final Map<Path, SharedDatabase> OPEN = new HashMap<>();

    private final SharedDatabase database;
    private boolean closed;

    private DuckDbWarehouse(SharedDatabase database) {
        this.database = database;
    }

    /** Opens (or shares) the database in {@code file}, creating file and folder when missing. */
    public static DuckDbWarehouse open(Path file) {
        Path key = file.toAbsolutePath().normalize();
        synchronized (OPEN) {
            SharedDatabase shared = OPEN.get(key);
            if (shared == null) {
                shared = new SharedDatabase(key, connectRoot(key));
                OPEN.put(key, shared);
            }
            shared.users++;
            return new DuckDbWarehouse(shared);
        }
    }

    private static DuckDBConnection connectRoot(Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            DuckDBConnection root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file);
            try (Statement settings = root.createStatement()) {
                for (String setting : CHECKPOINT_SETTINGS) {
                    settings.execute("set global " + setting);
                }
            } catch (SQLException e) {
                try {
                    root.close();
                } catch (SQLException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
            return root;
        } catch (IOException e) {
            throw PlaystreamException.permanent("cannot create the folder of " + file, e);
        } catch (SQLException e) {
            // most often another process holds the file: it may let go
            throw PlaystreamException.retriable("cannot open DuckDB file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String dbtType() {
        return "duckdb";
    }

    @Override
    public Dialect dialect() {
        return new DuckDbDialect();
    }

    @Override
    public Connection connect() {
        synchronized (OPEN) {
            if (closed) {
                throw new IllegalStateException("warehouse " + describe() + " is closed");
            }
            try {
                return database.root.duplicate();
            } catch (SQLException e) {
                throw SqlFailures.classify("cannot connect to " + describe(), e);
            }
        }
    }

    /**
     * DuckDB's transactions are snapshots of rows and of the catalog (a table another transaction
     * replaces after it is still the old one here), but a transaction takes its snapshot at its
     * first read of a database, not at {@code begin}: the read of the catalog pins it now
     * (DuckDbWarehouseTest).
     */
    @Override
    public Optional<Connection> connectAtSnapshot() {
        Connection connection = connect();
        try (Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.executeQuery("select count(*) from information_schema.tables").close();
            return Optional.of(connection);
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw SqlFailures.classify("cannot take a snapshot of " + describe(), e);
        }
    }

    /** The database file. */
    public Path file() {
        return database.file;
    }

    @Override
    public WarehouseLock loadLock() {
        return hold(database.loadLock);
    }

    @Override
    public WarehouseLock transformLock() {
        return hold(database.transformLock);
    }

    private static WarehouseLock hold(ReentrantLock lock) {
        lock.lock();
        return lock::unlock;
    }

    /** Whether a load waits for this file's load lock (for tests of the lock). */
    boolean aLoadWaits() {
        return database.loadLock.hasQueuedThreads();
    }

    /** Whether a transform run waits for this file's transform lock (for tests of the lock). */
    boolean aTransformWaits() {
        return database.transformLock.hasQueuedThreads();
    }

    @Override
    public BulkLoader bulkLoader(ObjectStore store) {
        return new DuckDbBulkLoader(store);
    }

    @Override
    public String describe() {
        return "duckdb:" + database.file;
    }

    @Override
    public void close() {
        synchronized (OPEN) {
            if (closed) {
                return;
            }
            closed = true;
            if (--database.users == 0) {
                OPEN.remove(database.file);
                try {
                    database.root.close();
                } catch (SQLException e) {
                    throw SqlFailures.classify("cannot close " + describe(), e);
                }
            }
        }
    }

    @Override
    public String toString() {
        return describe();
    }

    /** One open database file and how many {@link DuckDbWarehouse}s share it. */
    private static final class SharedDatabase {
        final Path file;
        final DuckDBConnection root;
        final ReentrantLock loadLock = new ReentrantLock(true);
        final ReentrantLock transformLock = new ReentrantLock();
        int users;

        SharedDatabase(Path file, DuckDBConnection root) {
            this.file = file;
            this.root = root;
        }
    }
}
