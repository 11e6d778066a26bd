package io.playstream.warehouse;

import io.playstream.objectstore.ObjectStore;
import io.playstream.warehouse.sql.Dialect;
import io.playstream.warehouse.sql.PostgresDialect;
import java.sql.Connection;
import java.util.Optional;

/**
 * A PostgreSQL database: loads stream {@code COPY}; both locks are advisory locks on a connection
 * of their own, so they hold across processes and go with a crashed one. A load holds
 * {@code pg_advisory_xact_lock} in an open transaction; a transform run holds {@code pg_advisory_lock}
 * for its session, since it commits many transactions of its own.
 */
final class PostgresWarehouse implements Warehouse {

    /** The load lock's key: any constant that no other application picks. */
    static final long LOAD_LOCK_KEY = 0x706c_6179_5f62_726eL; // "play_brn"
    /** The transform runs' key (any constant both runs agree on). */
    static final long TRANSFORM_LOCK_KEY = 0x706c617973L;

    private final ServerConnections connections;

    PostgresWarehouse(PostgresSettings settings) {
        this.connections = new ServerConnections(settings.url(), settings::properties, settings.describe());
    }

    @Override
    public String dbtType() {
        return "postgres";
    }

    @Override
    public Dialect dialect() {
        return new PostgresDialect();
    }

    @Override
    public Connection connect() {
        return connections.connect();
    }

    /**
     * None: {@code REPEATABLE READ} keeps a snapshot of rows, not of relations. A table that a later
     * transaction replaces (the runner swaps a rebuilt table in by drop and rename) is looked up anew
     * and reads empty, its rows being newer than the snapshot; and a table the transaction has read
     * holds off that swap until it ends (PostgresWarehouseIT).
     */
    @Override
    public Optional<Connection> connectAtSnapshot() {
        return Optional.empty();
    }

    @Override
    public WarehouseLock loadLock() {
        return connections.lock("load lock",
                c -> ConnectionLock.inTransaction(c, "select pg_advisory_xact_lock(" + LOAD_LOCK_KEY + ")"));
    }

    @Override
    public WarehouseLock transformLock() {
        return connections.lock("transform lock",
                c -> ConnectionLock.inSession(c, "select pg_advisory_lock(" + TRANSFORM_LOCK_KEY + ")"));
    }

    @Override
    public BulkLoader bulkLoader(ObjectStore store) {
        return new PostgresBulkLoader(store);
    }

    @Override
    public String describe() {
        return connections.description();
    }

    @Override
    public String toString() {
        return describe();
    }
}
