package io.playstream.app.cli;

import io.playstream.PlaystreamException;
import io.playstream.warehouse.Warehouse;
import io.playstream.warehouse.WarehouseKind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A stand-in for the loader's {@code Warehouses.open} until the branches merge: opens
 * {@code duckdb:/path/file.duckdb} and {@code jdbc:postgresql:...} URIs through DriverManager.
 */
final class LocalWarehouses {

    private LocalWarehouses() {
    }

    static Warehouse open(String uri) {
        if (uri.startsWith("duckdb:")) {
            return new DriverManagerWarehouse(WarehouseKind.DUCKDB, "jdbc:duckdb:" + uri.substring("duckdb:".length()), uri);
        }
        if (uri.startsWith("jdbc:postgresql:")) {
            return new DriverManagerWarehouse(WarehouseKind.POSTGRES, uri, uri.replaceAll("password=[^&]*", "password=***"));
        }
        throw new IllegalArgumentException("unsupported warehouse URI '" + uri
                + "' (accepted: duckdb:/path/file.duckdb, jdbc:postgresql://host:port/db?user=...)");
    }

    private record DriverManagerWarehouse(WarehouseKind kind, String url, String describe) implements Warehouse {
        @Override
        public Connection connect() {
            try {
                return DriverManager.getConnection(url);
            } catch (SQLException e) {
                throw PlaystreamException.retriable("cannot connect to " + describe + ": " + e.getMessage(), e);
            }
        }
    }
}
