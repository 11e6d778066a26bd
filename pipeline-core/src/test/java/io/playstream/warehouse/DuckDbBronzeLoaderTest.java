package io.playstream.warehouse;

import java.nio.file.Path;

/** The loader's contract on DuckDB: a database file per test. */
class DuckDbBronzeLoaderTest extends BronzeLoaderContractTest {

    @Override
    Warehouse freshWarehouse(Path temp) {
        return Warehouses.open("duckdb:" + temp.resolve("warehouse.duckdb"), java.util.Map.of());
    }

    @Override
    boolean aLoadWaitsForTheLock() {
        return ((DuckDbWarehouse) warehouse).aLoadWaits();
    }
}
