package io.playstream.transform;

import io.playstream.warehouse.Warehouse;
import io.playstream.warehouse.Warehouses;
import java.nio.file.Path;
import java.util.Map;

/** Real warehouses for tests: a DuckDB file, or a PostgreSQL database on the local server. */
public final class JdbcWarehouse {

    private JdbcWarehouse() {
    }

    public static Warehouse duckdb(Path file) {
        return Warehouses.open("duckdb:" + file.toAbsolutePath(), Map.of());
    }

    public static Warehouse postgres(String database) {
        return Warehouses.open("jdbc:postgresql://127.0.0.1:5432/" + database + "?user=postgres", Map.of());
    }
}
