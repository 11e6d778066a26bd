package io.playstream.transform;

import io.playstream.warehouse.Warehouse;
import org.junit.jupiter.api.AfterEach;

/**
 * {@link StateAwareBuildIT} on the test PostgreSQL server: the real loader (COPY) and
 * the runner on a database of its own per warehouse, dropped after the test.
 */
class PostgresStateAwareBuildIT extends StateAwareBuildIT {

    private final PostgresWarehouses warehouses = new PostgresWarehouses();

    @Override
    Warehouse freshWarehouse(String name) {
        return warehouses.open("state_aware_" + name.replace('-', '_'));
    }

    @AfterEach
    @Override
    void closeWarehouses() {
        super.closeWarehouses();
        warehouses.close();
    }
}
