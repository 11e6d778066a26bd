package io.playstream.transform;

import io.playstream.warehouse.Warehouse;

/** The runner on a real DuckDB file. */
class DuckDbTransformIT extends TransformRunnerContract {

    @Override
    Warehouse warehouse() {
        return JdbcWarehouse.duckdb(dir.resolve("warehouse.duckdb"));
    }
}
