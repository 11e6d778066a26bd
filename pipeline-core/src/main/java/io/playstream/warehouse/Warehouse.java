package io.playstream.warehouse;

import io.playstream.objectstore.ObjectStore;
import io.playstream.warehouse.sql.Dialect;
import java.sql.Connection;
import java.util.Optional;

/**
 * The port to a warehouse, and its adapter: one implementation per database (DuckDB, the embedded
 * default; PostgreSQL; Snowflake), found by {@link Warehouses#open} from the URI's scheme. Each
 * brings what differs between databases: dbt's name for it, the SQL the transform runner writes,
 * the bulk path of the loader, and the locks that keep loads, and transform runs, one at a time.
 * Callers never ask which database it is. Adding one is a class here and a line in
 * {@link Warehouses}; the bulk loader is this package's own, hence the seal.
 */
public sealed interface Warehouse extends AutoCloseable permits DuckDbWarehouse, PostgresWarehouse, SnowflakeWarehouse {

    /** dbt's name for the adapter ({@code target.type}), e.g. {@code postgres}. */
    String dbtType();

    /** The SQL the transform runner writes itself on this warehouse. */
    Dialect dialect();

    /**
     * A new connection in auto-commit mode; the caller closes it. Failures are
     * {@link io.playstream.PlaystreamException}s (retriable when the server may come back).
     */
    Connection connect();

    /**
     * A new connection in an open transaction whose snapshot is taken before this returns: it reads
     * the warehouse as committed then, rows and relations alike, whatever commits after, and its
     * writes of other rows commit beside those of other transactions. The caller ends the
     * transaction and closes the connection. Empty where a transaction cannot keep such a snapshot:
     * a reader that needs one holds the transform lock instead.
     */
    Optional<Connection> connectAtSnapshot();

    /**
     * Waits for, then holds, the lock of loads: taken before the manifest is read and held until
     * the last batch commits, so a second load waits and then finds nothing to do.
     */
    WarehouseLock loadLock();

    /**
     * Waits for, then holds, the lock of transform runs, so two runs (a scheduled job and a manual
     * one) never swap the same relations at once.
     */
    WarehouseLock transformLock();

    /** The loader's bulk path into this warehouse's bronze tables. */
    BulkLoader bulkLoader(ObjectStore store);

    /** Where the warehouse is, for logs and errors: never includes a secret. */
    String describe();

    @Override
    default void close() {
    }
}
