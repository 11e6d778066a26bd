package io.playstream.warehouse;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A PostgreSQL database, reached through the PostgreSQL JDBC driver. */
public final class PostgresWarehouse implements Warehouse {

    private final PostgresSettings settings;

    public PostgresWarehouse(PostgresSettings settings) {
        this.settings = settings;
    }

    @Override
    public WarehouseKind kind() {
        return WarehouseKind.POSTGRES;
    }

    @Override
    public Connection connect() {
        try {
            return DriverManager.getConnection(settings.url(), settings.properties());
        } catch (SQLException e) {
            throw SqlFailures.classify("cannot connect to " + describe(), e);
        }
    }

    @Override
    public String describe() {
        return settings.describe();
    }

    @Override
    public String toString() {
        return describe();
    }
}
