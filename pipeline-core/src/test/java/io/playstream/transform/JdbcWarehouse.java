package io.playstream.transform;

import io.playstream.PlaystreamException;
import io.playstream.warehouse.Warehouse;
import io.playstream.warehouse.WarehouseKind;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A real warehouse for tests: JDBC through DriverManager (a DuckDB file, or a PostgreSQL database). */
public record JdbcWarehouse(WarehouseKind kind, String url) implements Warehouse {

    public static JdbcWarehouse duckdb(Path file) {
        return new JdbcWarehouse(WarehouseKind.DUCKDB, "jdbc:duckdb:" + file.toAbsolutePath());
    }

    public static JdbcWarehouse postgres(String database) {
        return new JdbcWarehouse(WarehouseKind.POSTGRES, "jdbc:postgresql://127.0.0.1:5432/" + database + "?user=postgres");
    }

    @Override
    public Connection connect() {
        try {
            return DriverManager.getConnection(url);
        } catch (SQLException e) {
            throw PlaystreamException.retriable("cannot connect to " + url + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return url;
    }
}
