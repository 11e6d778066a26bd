package io.playstream.warehouse;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A Snowflake database, reached through the Snowflake JDBC driver. */
public final class SnowflakeWarehouse implements Warehouse {

    private final SnowflakeSettings settings;

    public SnowflakeWarehouse(SnowflakeSettings settings) {
        this.settings = settings;
    }

    @Override
    public WarehouseKind kind() {
        return WarehouseKind.SNOWFLAKE;
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
