package io.playstream.warehouse;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * A server warehouse reached through its JDBC driver: PostgreSQL or Snowflake. They differ only in
 * their settings (URL, driver properties, how they describe themselves), which the factories read.
 */
final class DriverManagerWarehouse implements Warehouse {

    private final WarehouseKind kind;
    private final String url;
    private final Supplier<Properties> properties;
    private final String description;

    private DriverManagerWarehouse(WarehouseKind kind, String url, Supplier<Properties> properties, String description) {
        this.kind = kind;
        this.url = url;
        this.properties = properties;
        this.description = description;
    }

    static Warehouse postgres(PostgresSettings settings) {
        return new DriverManagerWarehouse(WarehouseKind.POSTGRES, settings.url(), settings::properties, settings.describe());
    }

    static Warehouse snowflake(SnowflakeSettings settings) {
        return new DriverManagerWarehouse(WarehouseKind.SNOWFLAKE, settings.url(), settings::properties, settings.describe());
    }

    @Override
    public WarehouseKind kind() {
        return kind;
    }

    @Override
    public Connection connect() {
        try {
            return DriverManager.getConnection(url, properties.get());
        } catch (SQLException e) {
            throw SqlFailures.classify("cannot connect to " + describe(), e);
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public String toString() {
        return describe();
    }
}
