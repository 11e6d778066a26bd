package io.playstream.warehouse;

import java.nio.file.Path;
import java.util.Map;

/** The adapter contract on DuckDB: a database file per test; its locks are the file's own, in this JVM. */
class DuckDbWarehouseTest extends WarehouseContractTest {

    @Override
    Warehouse freshWarehouse(Path temp) {
        return Warehouses.open("duckdb:" + temp.resolve("warehouse.duckdb"), Map.of());
    }

    @Override
    String expectedDbtType() {
        return "duckdb";
    }

    @Override
    boolean aLoadWaits() {
        return ((DuckDbWarehouse) warehouse).aLoadWaits();
    }

    @Override
    boolean aTransformWaits() {
        return ((DuckDbWarehouse) warehouse).aTransformWaits();
    }
}
