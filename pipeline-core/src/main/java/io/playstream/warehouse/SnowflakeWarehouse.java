package io.playstream.warehouse;

import io.playstream.objectstore.ObjectStore;
import io.playstream.warehouse.sql.Dialect;
import io.playstream.warehouse.sql.SnowflakeDialect;
import java.sql.Connection;
import java.util.Optional;

/**
 * A Snowflake database: loads PUT to a stage and {@code COPY INTO}; each lock is a row of
 * {@code bronze._load_lock} held by an open transaction of its own connection (Snowflake has no
 * advisory locks). All its loader SQL is in {@link SnowflakeStatements}.
 */
final class SnowflakeWarehouse implements Warehouse {

    private final ServerConnections connections;

    SnowflakeWarehouse(SnowflakeSettings settings) {
        this.connections = new ServerConnections(settings.url(), settings::properties, settings.describe());
    }

    @Override
    public String dbtType() {
        return "snowflake";
    }

    @Override
    public Dialect dialect() {
        return new SnowflakeDialect();
    }

    @Override
    public Connection connect() {
        return connections.connect();
    }

    /** None: Snowflake's transactions are {@code READ COMMITTED}, each statement sees what committed before it. */
    @Override
    public Optional<Connection> connectAtSnapshot() {
        return Optional.empty();
    }

    @Override
    public WarehouseLock loadLock() {
        return connections.lock("load lock",
                c -> ConnectionLock.inTransaction(c, SnowflakeStatements.lockStatements(SnowflakeStatements.LOAD_LOCK)));
    }

    @Override
    public WarehouseLock transformLock() {
        return connections.lock("transform lock",
                c -> ConnectionLock.inTransaction(c, SnowflakeStatements.lockStatements(SnowflakeStatements.TRANSFORM_LOCK)));
    }

    @Override
    public BulkLoader bulkLoader(ObjectStore store) {
        return new SnowflakeBulkLoader(store);
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
