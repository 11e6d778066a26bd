package io.playstream.transform;

import io.playstream.warehouse.Warehouse;
import io.playstream.warehouse.Warehouses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * {@link StateAwareBuildIT} on the PostgreSQL server at 127.0.0.1:5432: the real loader (COPY) and
 * the runner on a database of its own per warehouse, dropped after the test.
 */
class PostgresStateAwareBuildIT extends StateAwareBuildIT {

    private final List<PostgresDatabase> databases = new ArrayList<>();

    @Override
    Warehouse freshWarehouse(String name) {
        PostgresDatabase database = new PostgresDatabase("state_aware_" + name.replace('-', '_'));
        databases.add(database);
        return Warehouses.open("jdbc:postgresql://127.0.0.1:5432/" + database.name() + "?user=postgres", Map.of());
    }

    @AfterEach
    @Override
    void closeWarehouses() {
        super.closeWarehouses();
        databases.forEach(PostgresDatabase::close);
    }
}
