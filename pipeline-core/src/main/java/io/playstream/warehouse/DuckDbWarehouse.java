package io.playstream.warehouse;

import io.playstream.PlaystreamException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.duckdb.DuckDBConnection;

/**
 * A DuckDB database file. DuckDB lets one process write a file, so this JVM keeps one database
 * instance per file and hands out {@link DuckDBConnection#duplicate() duplicates} of it: the loader
 * and the transform runner share it, and a second process gets a clear "file is locked" error.
 * Every {@link #open} must be matched by a {@link #close}; the last one closes the file.
 */
public final class DuckDbWarehouse implements Warehouse {

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
            return (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file);
        } catch (IOException e) {
            throw PlaystreamException.permanent("cannot create the folder of " + file, e);
        } catch (SQLException e) {
            // most often another process holds the file: it may let go
            throw PlaystreamException.retriable("cannot open DuckDB file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public WarehouseKind kind() {
        return WarehouseKind.DUCKDB;
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

    /** The database file. */
    public Path file() {
        return database.file;
    }

    /** Serialises writers of this file inside the JVM (DuckDB keeps other processes out itself). */
    ReentrantLock writeLock() {
        return database.writeLock;
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
        final ReentrantLock writeLock = new ReentrantLock(true);
        int users;

        SharedDatabase(Path file, DuckDBConnection root) {
            this.file = file;
            this.root = root;
        }
    }
}
