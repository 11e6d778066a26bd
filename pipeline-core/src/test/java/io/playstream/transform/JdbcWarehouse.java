package io.playstream.transform;

import io.playstream.warehouse.Warehouse;
import io.playstream.warehouse.Warehouses;
import java.nio.file.Path;
import java.util.Map;

/** A real DuckDB warehouse for tests (PostgreSQL ones come from {@link io.playstream.testing.ScratchPostgres}). */
public final class JdbcWarehouse {

    private JdbcWarehouse() {
    }

    public static Warehouse duckdb(Path file) {
        return Warehouses.open("duckdb:" + file.toAbsolutePath(), Map.of());
    }
}
